package io.innoleap.servicekit.themes;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A theme of the closed catalogue, by slug, name or synonym ("Smart Cities" is accepted and
 * normalised to {@code smart-cities} by the service). An unknown theme fails with a message that
 * lists the closest valid slugs.
 */
@Documented
@Constraint(validatedBy = ThemeSlugValidator.class)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ThemeSlug {
    String message() default "is not a theme of the catalogue";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
