package io.innoleap.matcher.store;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/**
 * The latest snapshot of a problem statement or solution profile the matcher has seen, kept
 * whole (the contract record as JSON) with the key and a copy of its embedding, so the engine can
 * be rebuilt from one ordered scan on start.
 */
public final class StoredSnapshot {

    private StoredSnapshot() {
    }

    @MappedEntity("problem_statement")
    public record ProblemStatementRow(
            @Id @TypeDef(type = DataType.STRING) UUID id,
            long version,
            String status,
            String snapshot,
            @Nullable String embeddingKey,
            @Nullable @TypeDef(type = DataType.BYTE_ARRAY) byte[] vector,
            Instant receivedAt) {
    }

    @MappedEntity("solution_profile")
    public record SolutionProfileRow(
            @Id @TypeDef(type = DataType.STRING) UUID id,
            long version,
            String status,
            String snapshot,
            @Nullable String embeddingKey,
            @Nullable @TypeDef(type = DataType.BYTE_ARRAY) byte[] vector,
            Instant receivedAt) {
    }

    /**
     * A stored snapshot with its vector, read for the rebuild; {@code vector} is null for a closed
     * or withdrawn side (never embedded) and for rows stored before the column existed.
     */
    @Introspected
    public record WithVector(String id, String snapshot, @Nullable String embeddingKey, @Nullable byte[] vector) {
    }

    /** When the stored version of a snapshot arrived, read on a take-over. */
    @Introspected
    public record IdReceived(String id, Instant receivedAt) {
    }

    /** A stored snapshot's id and version, read for the rebuild. */
    @Introspected
    public record IdVersion(String id, long version) {
    }
}
