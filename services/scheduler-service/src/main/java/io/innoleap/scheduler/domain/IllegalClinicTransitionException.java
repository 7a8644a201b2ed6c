package io.innoleap.scheduler.domain;

/** A clinic already decided (or expired) cannot change again. API: 409 (the confirmation page shows "already used" with 410). */
public final class IllegalClinicTransitionException extends SchedulingException {
    private final ClinicStatus from;
    private final ClinicTransition transition;

    public IllegalClinicTransitionException(ClinicStatus from, ClinicTransition transition) {
        super("a clinic in status " + from + " cannot " + transition.name().toLowerCase(java.util.Locale.ROOT));
        this.from = from;
        this.transition = transition;
    }

    public ClinicStatus from() { return from; }
    public ClinicTransition transition() { return transition; }

    @Override public int httpStatus() { return 409; }
    @Override public String problemType() { return "illegal-clinic-transition"; }
    @Override public String title() { return "Clinic status cannot change"; }
}
