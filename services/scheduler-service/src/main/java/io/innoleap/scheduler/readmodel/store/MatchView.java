package io.innoleap.scheduler.readmodel.store;

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

/** The matcher's latest word on a pair; {@code active} is false once retracted. */
@MappedEntity("rm_match")
public record MatchView(
        @EmbeddedId MatchKey id,
        double score,
        @MappedProperty("match_rank") int rank,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> sharedThemes,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> matchedTerms,
        boolean active,
        long version,
        Instant computedAt) {

    @Embeddable
    public record MatchKey(
            @MappedProperty("problem_statement_id") @TypeDef(type = DataType.STRING) UUID problemStatementId,
            @MappedProperty("solution_profile_id") @TypeDef(type = DataType.STRING) UUID solutionProfileId) {
    }
}
