package io.innoleap.scheduler.clinics.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** A company linked to a clinic, as stored (JSON) when the clinic was requested. */
@Serdeable
public record LinkedCompanyRecord(UUID solutionProfileId, String organisationName, double score,
                                  @Nullable String contactName, @Nullable String contactEmail) {
}
