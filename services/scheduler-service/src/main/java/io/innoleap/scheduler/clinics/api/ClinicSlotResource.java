package io.innoleap.scheduler.clinics.api;

import io.innoleap.contracts.events.Contact;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A clinic slot as the API shows it; {@code heldByClinicId} is the clinic holding it, if any.
 * {@code coordinator} is a person's contact: only coordinators and the programme office see it.
 */
@Serdeable
public record ClinicSlotResource(UUID id,
                                 @Nullable @Schema(description = "The slot's coordinator; shown to coordinators and the "
                                         + "programme office only, absent for everyone else") Contact coordinator,
                                 Instant startsAt, Instant endsAt,
                                 int durationMinutes, boolean available, @Nullable UUID heldByClinicId,
                                 long version, Instant createdAt) {

    /** The same slot without its coordinator's contact. */
    public ClinicSlotResource withoutContact() {
        return new ClinicSlotResource(id, null, startsAt, endsAt, durationMinutes, available, heldByClinicId, version, createdAt);
    }
}
