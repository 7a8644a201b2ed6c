package io.innoleap.matcher.store;

import io.innoleap.contracts.events.MatchFeedbackSnapshot;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/**
 * One verdict on a match, kept for good (the latest per pair and side counts). The text keys are
 * those of the problem's and the profile's texts when it was given: an agency's NOT_RELEVANT keeps
 * the pair off the list only while both texts are still the same.
 */
@MappedEntity("match_feedback")
public record FeedbackRow(
        @Id @TypeDef(type = DataType.STRING) UUID id,
        @TypeDef(type = DataType.STRING) UUID problemStatementId,
        @TypeDef(type = DataType.STRING) UUID solutionProfileId,
        @MappedProperty("feedback_side") MatchFeedbackSnapshot.Side side,
        MatchFeedbackSnapshot.Verdict verdict,
        @Nullable String reason,
        long version,
        String givenBy,
        String problemTextKey,
        String profileTextKey,
        Instant givenAt) {

    public FeedbackRow withVersion(long v) {
        return new FeedbackRow(id, problemStatementId, solutionProfileId, side, verdict, reason, v, givenBy,
                problemTextKey, profileTextKey, givenAt);
    }

    public MatchFeedbackSnapshot snapshot() {
        return new MatchFeedbackSnapshot(id, problemStatementId, solutionProfileId, side, verdict, reason, version,
                givenAt);
    }
}
