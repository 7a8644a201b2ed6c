package io.innoleap.scheduler.clinics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.OffsetDateTime;

/**
 * {@code POST /api/clinic-slots}. Every rule (required fields, email shape, future start,
 * 15..240 minutes) is checked by {@code ClinicSlotRules.validateNewSlot}, which lists every
 * failing field at once.
 */
@Serdeable
public record ClinicSlotRequest(@Nullable CoordinatorInput coordinator,
                                @Nullable OffsetDateTime startsAt,
                                @Nullable Integer durationMinutes) {

    @Serdeable
    public record CoordinatorInput(@Nullable String name, @Nullable String email) {
    }
}
