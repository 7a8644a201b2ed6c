package io.innoleap.scheduler.clinics.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** DATETIME(6) keeps microseconds: instants are cut to that before they are stored, so what we answer is what we stored. */
public final class Times {
    private Times() {
    }

    public static Instant now(Clock clock) {
        return stored(clock.instant());
    }

    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
