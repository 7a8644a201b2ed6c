package io.innoleap.scheduler.sharingdays.domain;

/**
 * A sharing day cannot be built from the current data: the audience has no open problem statement
 * on the theme, no provider on the theme matches them, or every one that does presents at another
 * sharing day at that time. A conflict with the current state, not a
 * malformed request: the read model just has nothing to schedule yet (it may once matches arrive),
 * and a rejected request stores nothing.
 */
public final class NoMatchingPresentersException extends RuntimeException {
    public enum Reason { NO_OPEN_PROBLEM_STATEMENTS, NO_MATCHING_PROVIDERS, PRESENTERS_BOOKED_ELSEWHERE }

    private final Reason reason;

    public NoMatchingPresentersException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
