package io.innoleap.contracts.events;

/** Life cycle of a problem statement; only OPEN ones are matched. */
public enum ProblemStatementStatus {
    OPEN,
    IN_DISCUSSION,
    PILOTING,
    CLOSED
}
