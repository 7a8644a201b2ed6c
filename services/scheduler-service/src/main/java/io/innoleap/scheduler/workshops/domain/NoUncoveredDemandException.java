package io.innoleap.scheduler.workshops.domain;

/**
 * Nothing to plan: no theme has open problem statements, or every theme with demand already has an
 * upcoming workshop: a conflict with the current state, not a malformed request.
 */
public final class NoUncoveredDemandException extends RuntimeException {
    public NoUncoveredDemandException(String message) {
        super(message);
    }
}
