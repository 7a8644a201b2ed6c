package io.innoleap.scheduler.domain;

/**
 * Base of the scheduler's typed domain errors. Each subclass names the HTTP status the API should
 * answer with, so the mapping lives next to the rule and one exception handler serves them all.
 */
public abstract class SchedulingException extends RuntimeException {

    protected SchedulingException(String message) {
        super(message);
    }

    /** HTTP status for the problem+json response. */
    public abstract int httpStatus();

    /** Short, stable slug for the problem+json {@code type} (e.g. {@code cadence-violation}). */
    public abstract String problemType();

    /** Human-readable problem title. */
    public abstract String title();
}
