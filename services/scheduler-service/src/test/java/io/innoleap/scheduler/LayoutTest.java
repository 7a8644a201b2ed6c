package io.innoleap.scheduler;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layout the README describes, checked on the compiled classes: the rules are plain Java, and a
 * feature reaches another part of the service only through the programme package, the read model's
 * public queries and the notifications' public API (the root package of each).
 */
@AnalyzeClasses(packages = "io.innoleap.scheduler", importOptions = ImportOption.DoNotIncludeTests.class)
class LayoutTest {

    private static final String BASE = "io.innoleap.scheduler.";

    @ArchTest
    static final ArchRule rulesAreFrameworkFree = noClasses()
            .that().resideInAnyPackage(BASE + "*.domain..", BASE + "programme")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta.persistence..", "jakarta.data..",
                    "jakarta.validation..", "jakarta.inject..", "jakarta.transaction..", "org.apache.kafka..",
                    "io.swagger..", "org.thymeleaf..")
            .because("the rules are plain Java: validation annotations live on the api records, persistence in store");

    @ArchTest
    static final ArchRule rulesKnowNoApiOrStore = noClasses()
            .that().resideInAPackage(BASE + "*.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE + "*.api..", BASE + "*.store..", BASE + "*.events..",
                    BASE + "*.dispatch..")
            .because("a rule must not depend on how it is served or stored");

    @ArchTest
    static final ArchRule workshopsStandAlone = featureUsesNoOtherFeature("workshops", "sharingdays", "clinics");

    @ArchTest
    static final ArchRule sharingDaysStandAlone = featureUsesNoOtherFeature("sharingdays", "workshops", "clinics");

    @ArchTest
    static final ArchRule clinicsStandAlone = featureUsesNoOtherFeature("clinics", "workshops", "sharingdays");

    @ArchTest
    static final ArchRule sharedPartsUseNoFeature = noClasses()
            .that().resideInAnyPackage(BASE + "programme..", BASE + "readmodel..", BASE + "notifications..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE + "workshops..", BASE + "sharingdays..", BASE + "clinics..")
            .because("features build on the shared parts, never the other way round");

    @ArchTest
    static final ArchRule programmeStandsAlone = noClasses()
            .that().resideInAPackage(BASE + "programme..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE + "readmodel..", BASE + "notifications..")
            .because("the programme calendar and zone are the bottom of the service");

    @ArchTest
    static final ArchRule readModelInternalsStayInside = noClasses()
            .that().resideOutsideOfPackage(BASE + "readmodel..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE + "readmodel.store..", BASE + "readmodel.events..")
            .because("other parts ask the read model through ReadModel and its records only");

    @ArchTest
    static final ArchRule notificationInternalsStayInside = noClasses()
            .that().resideOutsideOfPackage(BASE + "notifications..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE + "notifications.store..", BASE + "notifications.dispatch..")
            .because("features queue and render mail through the notifications' public API only");

    private static ArchRule featureUsesNoOtherFeature(String feature, String... others) {
        String[] packages = new String[others.length];
        for (int i = 0; i < others.length; i++) {
            packages[i] = BASE + others[i] + "..";
        }
        return noClasses().that().resideInAPackage(BASE + feature + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .because("features do not use each other's internals");
    }
}
