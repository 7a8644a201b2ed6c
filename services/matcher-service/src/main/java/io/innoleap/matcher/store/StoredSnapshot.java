package io.innoleap.matcher.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/**
 * The latest snapshot of a problem statement or solution profile the matcher has seen, kept
 * whole (the contract record as JSON) so the engine can be rebuilt from it on start.
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
            Instant receivedAt) {
    }

    @MappedEntity("solution_profile")
    public record SolutionProfileRow(
            @Id @TypeDef(type = DataType.STRING) UUID id,
            long version,
            String status,
            String snapshot,
            Instant receivedAt) {
    }
}
