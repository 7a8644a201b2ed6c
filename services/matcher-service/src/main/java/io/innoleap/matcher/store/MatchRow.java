package io.innoleap.matcher.store;

import io.innoleap.servicekit.store.StringListConverter;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The current state of one problem/profile pair; {@code active} is false once retracted. */
@MappedEntity("match_pair")
public record MatchRow(
        @EmbeddedId PairKey id,
        double score,
        @MappedProperty("match_rank") int rank,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> sharedThemes,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> matchedTerms,
        boolean active,
        long version,
        Instant computedAt) {

    public UUID problemStatementId() {
        return id.problemStatementId();
    }

    public UUID solutionProfileId() {
        return id.solutionProfileId();
    }

    @Embeddable
    public record PairKey(
            @MappedProperty("problem_statement_id") @TypeDef(type = DataType.STRING) UUID problemStatementId,
            @MappedProperty("solution_profile_id") @TypeDef(type = DataType.STRING) UUID solutionProfileId) {
    }
}
