package io.innoleap.scheduler.clinics.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Clinic knobs. Defaults: slots 15..240 minutes; confirmation links valid 72 hours; up to 3 linked
 * companies (the problem's best matches).
 */
public record ClinicPolicy(int minSlotMinutes, int maxSlotMinutes, Duration confirmationTtl, int linkedCompanies) {
    public ClinicPolicy {
        Objects.requireNonNull(confirmationTtl, "confirmationTtl");
        if (minSlotMinutes < 1 || maxSlotMinutes < minSlotMinutes) {
            throw new IllegalArgumentException("slot minutes must satisfy 1 <= min <= max");
        }
        if (confirmationTtl.isNegative() || confirmationTtl.isZero()) {
            throw new IllegalArgumentException("confirmationTtl must be positive");
        }
        if (linkedCompanies < 0) {
            throw new IllegalArgumentException("linkedCompanies must be >= 0");
        }
    }

    public static ClinicPolicy defaults() {
        return new ClinicPolicy(15, 240, Duration.ofHours(72), 3);
    }
}
