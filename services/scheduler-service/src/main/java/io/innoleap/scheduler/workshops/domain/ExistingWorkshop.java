package io.innoleap.scheduler.workshops.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A workshop already booked (planned or explicit), as the store knows it. */
public record ExistingWorkshop(UUID id, String theme, Instant startsAt) {
    public ExistingWorkshop {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(startsAt, "startsAt");
    }
}
