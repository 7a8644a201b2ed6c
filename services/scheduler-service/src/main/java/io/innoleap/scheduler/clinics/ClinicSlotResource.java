package io.innoleap.scheduler.clinics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A clinic slot as the API shows it; {@code heldByClinicId} is the clinic holding it, if any. */
@Serdeable
public record ClinicSlotResource(UUID id, ContactResource coordinator, Instant startsAt, Instant endsAt,
                                 int durationMinutes, boolean available, @Nullable UUID heldByClinicId,
                                 long version, Instant createdAt) {

    @Serdeable
    public record ContactResource(@Nullable String name, String email) {
    }
}
