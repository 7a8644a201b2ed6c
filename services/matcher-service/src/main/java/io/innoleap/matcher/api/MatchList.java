package io.innoleap.matcher.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.innoleap.matcher.store.MatchRow;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code {"items":[...]}}, best first. Empty lists are written, not omitted (contract fields). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MatchList(List<Item> items) {

    static MatchList of(List<MatchRow> rows) {
        return new MatchList(rows.stream().map(Item::of).toList());
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(
            UUID problemStatementId,
            UUID solutionProfileId,
            @Schema(description = "Relevance in [0,1], 4 decimals") double score,
            @Schema(description = "Position in the problem statement's list, 1 = best") int rank,
            @Schema(description = "Themes both sides declare") List<String> sharedThemes,
            @Schema(description = "The problem's words the profile also uses, strongest first") List<String> matchedTerms,
            @Schema(description = "Grows by one with every change of the pair (as on innoleap.matches)") long version,
            Instant computedAt) {

        static Item of(MatchRow r) {
            return new Item(r.problemStatementId(), r.solutionProfileId(), r.score(), r.rank(), r.sharedThemes(),
                    r.matchedTerms(), r.version(), r.computedAt());
        }
    }
}
