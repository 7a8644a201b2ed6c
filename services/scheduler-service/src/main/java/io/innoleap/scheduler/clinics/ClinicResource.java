package io.innoleap.scheduler.clinics;

import io.innoleap.scheduler.domain.ClinicStatus;
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
                             AgencyResource agency, UUID slotId, boolean holdsSlot,
                             ClinicSlotResource.ContactResource coordinator, Instant startsAt, Instant endsAt,
                             List<LinkedCompanyResource> linkedCompanies, Instant confirmationExpiresAt,
                             Instant createdAt, Instant updatedAt) {

    @Serdeable
    public record AgencyResource(String code, String name, @Nullable String domain) {
    }

    @Serdeable
    public record LinkedCompanyResource(UUID solutionProfileId, String organisationName, double score) {
    }
}
