package io.innoleap.contracts.events;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * A verdict on one match, as published on {@code innoleap.match-feedback} (key
 * {@code problemId:profileId}, type {@code MatchFeedbackGiven}): given by the agency that owns the
 * problem statement ({@code AGENCY} side) or the provider that owns the profile ({@code PROVIDER}
 * side). {@code version} counts the verdicts of one pair and side (0 for the first); the latest
 * one counts. Who gave it is the envelope's {@code actor}.
 */
@Serdeable
public record MatchFeedbackSnapshot(
        UUID id,
        UUID problemStatementId,
        UUID solutionProfileId,
        Side side,
        Verdict verdict,
        String reason,
        long version,
        Instant givenAt) {

    public static final String GIVEN = "MatchFeedbackGiven";

    public enum Side { AGENCY, PROVIDER }

    public enum Verdict { RELEVANT, NOT_RELEVANT }

    public String key() {
        return MatchSnapshot.key(problemStatementId, solutionProfileId);
    }
}
