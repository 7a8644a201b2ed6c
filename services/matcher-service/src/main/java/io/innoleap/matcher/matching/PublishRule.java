package io.innoleap.matcher.matching;

/**
 * What is news about a pair that stays on a list: a score that moved by at least {@code step} from
 * the score last published, or a move in rank the published scores and ranks no longer show (see
 * {@link MatchDiff}). Scores are published rounded to the step, so every
 * published score is on the step's grid and an unpublished pair's real score is always within one
 * step of what consumers hold. Hubness moves many scores by tiny amounts; none of that is published
 * until it adds up to a step or reorders a list by a step.
 *
 * @param step the score resolution, in (0, 1]: 0.01 publishes two decimals
 */
public record PublishRule(double step) {

    public static final PublishRule DEFAULT = new PublishRule(0.01);

    public PublishRule {
        if (!(step > 0 && step <= 1)) {
            throw new IllegalArgumentException("score step must be in (0, 1], was " + step);
        }
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
