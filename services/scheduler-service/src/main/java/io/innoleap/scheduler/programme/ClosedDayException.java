package io.innoleap.scheduler.programme;

/** A booking or reschedule falls on a public holiday or a programme closure (a 409: no override exists). */
public final class ClosedDayException extends RuntimeException {
    private final ClosedDay day;

    public ClosedDayException(ClosedDay day) {
        super(day.describe() + "; nothing is booked on it");
        this.day = day;
    }

    public ClosedDay day() {
        return day;
    }
}
