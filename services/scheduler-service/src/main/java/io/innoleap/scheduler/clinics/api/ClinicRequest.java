package io.innoleap.scheduler.clinics.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** {@code POST /api/clinics}: a clinic on one problem statement in one coordinator's slot. */
@Serdeable
public record ClinicRequest(@Nullable @NotNull UUID problemStatementId, @Nullable @NotNull UUID slotId) {
}
