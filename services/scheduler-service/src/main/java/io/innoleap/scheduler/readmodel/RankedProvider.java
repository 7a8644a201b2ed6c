package io.innoleap.scheduler.readmodel;

import java.util.UUID;

/**
 * A provider ranked for a set of problem statements: {@code totalScore} is the sum over those
 * statements of the provider's best match score for each; {@code bestScore} the highest single
 * one; {@code matchedProblemStatements} how many of the statements it matched.
 */
public record RankedProvider(UUID solutionProfileId, String organisationName, double totalScore,
                             double bestScore, int matchedProblemStatements) {
}
