package io.innoleap.scheduler.clinics.domain;

import java.time.Instant;
import java.util.Objects;

/** A half-open interval [start, end): back-to-back windows do not overlap. */
public record TimeWindow(Instant start, Instant end) {
    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start");
        }
    }

    public static TimeWindow of(Instant start, int minutes) {
        return new TimeWindow(start, start.plusSeconds(minutes * 60L));
    }

    public boolean overlaps(TimeWindow other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
