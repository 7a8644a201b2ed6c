package io.innoleap.scheduler.domain;

/**
 * A sharing day cannot be built from the current data: the audience has no open problem statement
 * on the theme, or no provider on the theme matches them. API: 409: the request is well formed, the
 * read model just has nothing to schedule yet (it may once matches arrive), and a rejected
 * request stores nothing.
 */
public final class NoMatchingPresentersException extends SchedulingException {
    public enum Reason { NO_OPEN_PROBLEM_STATEMENTS, NO_MATCHING_PROVIDERS }

    private final Reason reason;

    public NoMatchingPresentersException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override public int httpStatus() { return 409; }
    @Override public String problemType() { return "no-matching-presenters"; }
    @Override public String title() { return "No presenters match this sharing day"; }
}
