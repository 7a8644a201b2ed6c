package io.innoleap.contracts.events;

/** Life cycle of a solution profile; only ACTIVE ones are matched. */
public enum SolutionProfileStatus {
    ACTIVE,
    WITHDRAWN
}
