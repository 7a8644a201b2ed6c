package io.innoleap.scheduler.clinics.api;

import io.innoleap.servicekit.text.SingleLine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;

import java.time.OffsetDateTime;

/**
 * {@code POST /api/clinic-slots}. Text fields are single lines (no control characters); every
 * other rule (required fields, email shape, future start, 15..240 minutes) is checked by
 * {@code ClinicSlotRules.validateNewSlot}, which lists every failing field at once.
 */
@Serdeable
public record ClinicSlotRequest(@Nullable @Valid @Schema(description = "Required when the programme office publishes. "
                                        + "A coordinator may omit it: the slot is theirs, with the name and email of their "
                                        + "access token; a coordinator naming another email is refused with 403")
                                CoordinatorInput coordinator,
                                @Nullable OffsetDateTime startsAt,
                                @Nullable Integer durationMinutes) {

    @Serdeable
    public record CoordinatorInput(@Nullable @SingleLine String name, @Nullable @SingleLine String email) {
    }
}
