package io.innoleap.scheduler.clinics.store;

import io.innoleap.scheduler.clinics.domain.ClinicStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/**
 * A clinic. {@code activeSlotId} equals {@code slotId} while the clinic holds the slot and is null
 * once it is declined or expired; a UNIQUE constraint on it makes "one clinic per slot" a database
 * guarantee. {@code linkedCompanies} is JSON (see {@link LinkedCompanyRecord}). Versions are bumped by
 * the conditional UPDATEs in {@link ClinicRepository}. {@code coordinatorSub} is copied from the slot:
 * the coordinator's token {@code sub}, or null (then the coordinator is recognised by email).
 */
@MappedEntity("clinic")
public record ClinicEntity(
        @Id @TypeDef(type = DataType.STRING) UUID id,
        @TypeDef(type = DataType.STRING) UUID slotId,
        @Nullable @TypeDef(type = DataType.STRING) UUID activeSlotId,
        @TypeDef(type = DataType.STRING) UUID problemStatementId,
        String problemTitle,
        String agencyCode,
        String agencyName,
        @Nullable String agencyDomain,
        @Nullable String agencyContactName,
        @Nullable String agencyContactEmail,
        String coordinatorName,
        String coordinatorEmail,
        @Nullable String coordinatorSub,
        Instant startsAt,
        Instant endsAt,
        String linkedCompanies,
        ClinicStatus status,
        Instant confirmationExpiresAt,
        long version,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String cancellationReason) {
}
