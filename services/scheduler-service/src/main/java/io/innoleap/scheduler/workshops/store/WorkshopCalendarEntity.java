package io.innoleap.scheduler.workshops.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The single row every workshop booking locks first, so cadence checks and inserts serialise. */
@MappedEntity("workshop_calendar")
public record WorkshopCalendarEntity(@Id Integer id, @Nullable Instant updatedAt) {
    public static final int THE_CALENDAR = 1;
}
