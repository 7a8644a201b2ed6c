package io.innoleap.scheduler.domain;

/**
 * Nothing to plan: no theme has open problem statements, or every theme with demand already has an
 * upcoming workshop. API: 409 (a conflict with the current state, not a malformed request).
 */
public final class NoUncoveredDemandException extends SchedulingException {
    public NoUncoveredDemandException(String message) {
        super(message);
    }

    @Override public int httpStatus() { return 409; }
    @Override public String problemType() { return "no-uncovered-demand"; }
    @Override public String title() { return "No unmet demand to plan a workshop for"; }
}
