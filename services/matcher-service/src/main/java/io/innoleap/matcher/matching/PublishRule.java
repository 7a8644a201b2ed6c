package io.innoleap.matcher.matching;

import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchEngine;

import java.util.List;
import java.util.UUID;

/**
 * What is news about a pair that stays on a list: a score that moved by at least {@code step} from
 * the score last published, or a move in rank the published scores and ranks no longer show (see
 * {@link MatchDiff}). Scores are published rounded to the step, so every
 * published score is on the step's grid and an unpublished pair's real score is always within one
 * step of what consumers hold. Hubness moves many scores by tiny amounts; none of that is published
 * until it adds up to a step or reorders a list by a step. The same holds at the foot of a list: a
 * listed pair that slips just below the K-th place stays listed while the pair that would replace it
 * scores less than a step more, so it is ranked among the {@link #window(int) window} of candidates.
 *
 * @param step the score resolution, in (0, 1]: 0.01 publishes two decimals
 */
public record PublishRule(double step) {

    public static final PublishRule DEFAULT = new PublishRule(0.01);

    /** Places below the K-th where a listed pair may stay listed, within a step of the K-th (see {@link #window(int)}). */
    static final int RESERVE = 5;

    public PublishRule {
        if (!(step > 0 && step <= 1)) {
            throw new IllegalArgumentException("score step must be in (0, 1], was " + step);
        }
    }

    /**
     * How many candidates to rank for a list of {@code k}: the top K and a reserve below it, where a
     * listed pair that the engine now ranks just below the K-th can stay listed (see {@link MatchDiff}).
     */
    public int window(int k) {
        return k + RESERVE;
    }

    /** A problem's top K and reserve as the engine ranks them now, best first (empty when it is closed or unknown). */
    public List<Match> window(MatchEngine engine, UUID problemId) {
        return engine.rank(problemId, window(engine.config().topK()));
    }

    /** The score as published: on the step's grid, without binary fractions left over (0.29, not 0.29000000000000004). */
    public double round(double score) {
        double onGrid = Math.round(score / step) * step;
        return Math.round(onGrid * 1e9) / 1e9;
    }

    /** Whether a score moved far enough from the published one to publish again. */
    public boolean moved(double score, double published) {
        return Math.abs(score - published) >= step - 1e-9;
    }
}
