package io.innoleap.scheduler.clinics.api;

import io.innoleap.scheduler.clinics.domain.ClinicStatus;
import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A clinic as the API shows it. Contacts of linked companies are not exposed here (they are used
 * for the confirmation emails only).
 */
@Serdeable
public record ClinicResource(UUID id, ClinicStatus status, long version, UUID problemStatementId, String problemTitle,
                             Agency agency, UUID slotId, boolean holdsSlot,
                             Contact coordinator, Instant startsAt, Instant endsAt,
                             List<LinkedCompanyResource> linkedCompanies, Instant confirmationExpiresAt,
                             Instant createdAt, Instant updatedAt, @Nullable String cancellationReason) {

    @Serdeable
    public record LinkedCompanyResource(UUID solutionProfileId, String organisationName, double score) {
    }
}
