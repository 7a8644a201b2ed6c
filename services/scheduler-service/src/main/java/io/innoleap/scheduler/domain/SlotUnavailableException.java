package io.innoleap.scheduler.domain;

/**
 * A clinic slot cannot take a booking: it has started, or (raised by the service layer on the
 * unique-constraint violation) it is already held by another clinic. API: 409.
 */
public final class SlotUnavailableException extends SchedulingException {
    public SlotUnavailableException(String message) {
        super(message);
    }

    @Override public int httpStatus() { return 409; }
    @Override public String problemType() { return "slot-unavailable"; }
    @Override public String title() { return "Clinic slot unavailable"; }
}
