package io.innoleap.scheduler.domain;

/**
 * A clinic's lifecycle: {@code PENDING_CONFIRMATION -> CONFIRMED | DECLINED | EXPIRED}; the three
 * outcomes are final. Pending and confirmed clinics hold their slot; declined and expired free it.
 */
public enum ClinicStatus {
    PENDING_CONFIRMATION, CONFIRMED, DECLINED, EXPIRED;

    public boolean holdsSlot() {
        return this == PENDING_CONFIRMATION || this == CONFIRMED;
    }

    public boolean isFinal() {
        return this != PENDING_CONFIRMATION;
    }

    /** The status after {@code transition}; throws {@link IllegalClinicTransitionException} (409) otherwise. */
    public ClinicStatus apply(ClinicTransition transition) {
        if (this != PENDING_CONFIRMATION) {
            throw new IllegalClinicTransitionException(this, transition);
        }
        return transition.target();
    }
}
