package io.innoleap.scheduler.clinics.domain;

/**
 * A clinic's lifecycle: {@code PENDING_CONFIRMATION -> CONFIRMED | DECLINED | EXPIRED}, and a
 * pending or confirmed clinic can be {@code CANCELLED} (v1.1). Pending and confirmed clinics hold their
 * slot; declined, expired and cancelled free it.
 */
public enum ClinicStatus {
    PENDING_CONFIRMATION, CONFIRMED, DECLINED, EXPIRED, CANCELLED;

    public boolean holdsSlot() {
        return this == PENDING_CONFIRMATION || this == CONFIRMED;
    }

    /** Whether a clinic in this status may still be cancelled: it is pending or confirmed. */
    public boolean isCancellable() {
        return holdsSlot();
    }

    public boolean isFinal() {
        return this != PENDING_CONFIRMATION;
    }

    /** The status after {@code transition}; throws {@link IllegalClinicTransitionException} otherwise. */
    public ClinicStatus apply(ClinicTransition transition) {
        if (this != PENDING_CONFIRMATION) {
            throw new IllegalClinicTransitionException(this, transition);
        }
        return transition.target();
    }
}
