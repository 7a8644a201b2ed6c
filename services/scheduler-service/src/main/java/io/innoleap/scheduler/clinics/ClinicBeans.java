package io.innoleap.scheduler.clinics;

import io.innoleap.scheduler.clinics.domain.ClinicPolicy;
import io.innoleap.scheduler.clinics.domain.ClinicSlotRules;
import io.innoleap.scheduler.clinics.domain.ConfirmationTokens;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** The clinic rules and tokens, built once from configuration. */
@Factory
public class ClinicBeans {

    @Singleton
    ClinicPolicy clinicPolicy(@Value("${innoleap.scheduler.confirmation-ttl:72h}") Duration confirmationTtl,
                              @Value("${innoleap.scheduler.clinic-linked-companies:3}") int linkedCompanies) {
        ClinicPolicy defaults = ClinicPolicy.defaults();
        return new ClinicPolicy(defaults.minSlotMinutes(), defaults.maxSlotMinutes(), confirmationTtl, linkedCompanies);
    }

    @Singleton
    ClinicSlotRules clinicSlotRules(ClinicPolicy policy, Clock clock) {
        return new ClinicSlotRules(policy, clock);
    }

    @Singleton
    ConfirmationTokens confirmationTokens(ClinicPolicy policy, Clock clock) {
        return new ConfirmationTokens(policy.confirmationTtl(), new SecureRandom(), clock);
    }

}
