package io.innoleap.scheduler.clinics.domain;

/** The slot has already started, so no clinic can be requested in it any more. */
public final class SlotStartedException extends RuntimeException {
    public SlotStartedException(String message) {
        super(message);
    }
}
