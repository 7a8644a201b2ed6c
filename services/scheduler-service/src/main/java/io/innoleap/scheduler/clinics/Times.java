package io.innoleap.scheduler.clinics;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** DATETIME(6) keeps microseconds: instants are cut to that before they are stored, so what we answer is what we stored. */
final class Times {
    private Times() {
    }

    static Instant now(Clock clock) {
        return stored(clock.instant());
    }

    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
