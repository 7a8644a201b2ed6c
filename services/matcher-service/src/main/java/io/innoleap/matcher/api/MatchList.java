package io.innoleap.matcher.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.innoleap.contracts.events.MatchFeedbackSnapshot.Verdict;
import io.innoleap.matcher.matching.MatchQueries;
import io.innoleap.matcher.store.MatchRow;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code {"items":[...]}}, best first. Empty lists are written, not omitted (contract fields). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MatchList(List<Item> items) {

    static MatchList of(List<MatchRow> rows, Map<MatchRow.PairKey, MatchQueries.Verdicts> verdicts) {
        return new MatchList(rows.stream().map(r -> Item.of(r, verdicts.get(r.id()))).toList());
    }

    /** Each side's latest verdict on the pair, null where that side gave none (see POST /api/matches/feedback). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Feedback(@Schema(description = "The problem's agency: RELEVANT, NOT_RELEVANT or null") Verdict agency,
                           @Schema(description = "The profile's provider: RELEVANT, NOT_RELEVANT or null") Verdict provider) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(
            UUID problemStatementId,
            UUID solutionProfileId,
            @Schema(description = "Relevance in [0,1], rounded to the score step (default 0.01)") double score,
            @Schema(description = "Position in the problem statement's list, 1 = best") int rank,
            @Schema(description = "Themes both sides declare") List<String> sharedThemes,
            @Schema(description = "The problem's words the profile also uses, strongest first") List<String> matchedTerms,
            @Schema(description = "Grows by one with every change of the pair (as on innoleap.matches)") long version,
            Instant computedAt,
            Feedback feedback) {

        static Item of(MatchRow r, MatchQueries.Verdicts v) {
            return new Item(r.problemStatementId(), r.solutionProfileId(), r.score(), r.rank(), r.sharedThemes(),
                    r.matchedTerms(), r.version(), r.computedAt(),
                    v == null ? new Feedback(null, null) : new Feedback(v.agency(), v.provider()));
        }
    }
}
