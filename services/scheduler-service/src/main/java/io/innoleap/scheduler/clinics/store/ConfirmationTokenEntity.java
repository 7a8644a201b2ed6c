package io.innoleap.scheduler.clinics.store;

import io.innoleap.scheduler.clinics.domain.StoredConfirmationToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** A confirmation token as stored: only its SHA-256 hash, never the token. */
@MappedEntity("clinic_confirmation_token")
public record ConfirmationTokenEntity(
        @Id String tokenHash,
        @TypeDef(type = DataType.STRING) UUID clinicId,
        Instant expiresAt,
        @Nullable Instant usedAt) {

    public StoredConfirmationToken toDomain() {
        return new StoredConfirmationToken(tokenHash, clinicId, expiresAt, usedAt);
    }

    @Override
    public String toString() {
        return "ConfirmationTokenEntity[clinicId=" + clinicId + ", expiresAt=" + expiresAt + ", usedAt=" + usedAt + "]";
    }
}
