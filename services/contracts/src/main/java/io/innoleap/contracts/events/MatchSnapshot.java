package io.innoleap.contracts.events;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A ranked pairing of a problem statement with a solution profile, as published on
 * {@code innoleap.matches} (key {@code problemId:profileId}). {@code version} grows with every
 * change of the pair, so consumers can ignore an older snapshot; {@code active} is false in the
 * {@code MatchRetracted} snapshot.
 */
@Serdeable
public record MatchSnapshot(
        UUID problemStatementId,
        UUID solutionProfileId,
        double score,
        int rank,
        List<String> sharedThemes,
        List<String> matchedTerms,
        boolean active,
        long version,
        Instant computedAt) {

    public static final String PROPOSED = "MatchProposed";
    public static final String UPDATED = "MatchUpdated";
    public static final String RETRACTED = "MatchRetracted";

    public String key() {
        return key(problemStatementId, solutionProfileId);
    }

    public static String key(UUID problemId, UUID profileId) {
        return problemId + ":" + profileId;
    }
}
