package io.innoleap.scheduler.clinics.domain;

/** A clinic already decided (or expired) cannot change again (the confirmation page then says the link was used). */
public final class IllegalClinicTransitionException extends RuntimeException {
    private final ClinicStatus from;
    private final ClinicTransition transition;

    public IllegalClinicTransitionException(ClinicStatus from, ClinicTransition transition) {
        super("a clinic in status " + from + " cannot " + transition.name().toLowerCase(java.util.Locale.ROOT));
        this.from = from;
        this.transition = transition;
    }

    public ClinicStatus from() { return from; }
    public ClinicTransition transition() { return transition; }
}
