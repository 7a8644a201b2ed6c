package io.innoleap.matcher.ranking;

import java.util.Set;

/**
 * The score formula of one problem against any of its candidates, with everything that depends
 * only on the problem worked out once:
 * <pre>
 *   hub       = max cos(r, profile) over r in {problem} + its k nearest open problems sharing a
 *               theme with the profile                                   local CSLS-style hubness
 *   semantic  = (cos(problem, profile) - h * hub) / (1 - h)
 *   text      = (1 - l) * (1 + semantic) / 2 + l * bm25 / bm25max         lexical evidence
 *   score     = clamp((1 - t) * text + t * themeShare - readinessPenalty   penalty only for
 *                     + learned)                                            IMMEDIATE_OPERATIONAL;
 *                                                                           learned: FeedbackPrior
 * </pre>
 * Every term is absolute (no normalisation over the candidate list), so a pair can be scored alone.
 */
final class PairScorer {

    private final ProblemEntry problem;
    private final ProblemEntry[] references;
    private final ProfileSlots slots;
    private final ThemeBlocks blocks;
    private final double hubWeight;
    private final double semanticScale;
    private final double textShare;
    private final double lexicalShare;
    private final double themeWeight;
    private final boolean immediate;
    private final int readinessThreshold;
    private final double readinessPenalty;
    private final FeedbackPrior prior;
    private final FeedbackPrior.Applicable lessons;

    PairScorer(MatchConfig config, ProblemEntry problem, ProblemEntry[] references, ProfileSlots slots,
               ThemeBlocks blocks, FeedbackPrior prior, FeedbackPrior.Applicable lessons) {
        this.prior = prior;
        this.lessons = lessons;
        this.problem = problem;
        this.references = references;
        this.slots = slots;
        this.blocks = blocks;
        this.hubWeight = config.hubnessWeight();
        this.semanticScale = 1 / (1 - config.hubnessWeight());
        this.textShare = (1 - config.lexicalWeight()) * (1 - config.themeWeight());
        this.lexicalShare = config.lexicalWeight() * (1 - config.themeWeight());
        this.themeWeight = config.themeWeight();
        this.immediate = problem.doc().horizon() == Horizon.IMMEDIATE_OPERATIONAL;
        this.readinessThreshold = config.readinessThreshold();
        this.readinessPenalty = config.readinessPenalty();
    }

    /** The pair's cosine from the int8 dot product. */
    float cosine(int slot, int dot) {
        return dot * problem.scale() * slots.scales[slot];
    }

    /**
     * The profile's best cosine to the problem or one of its neighbours that it shares a theme
     * with; {@code vectors[offset..]} is the profile's int8 vector.
     */
    float hub(int slot, float cos, byte[] vectors, int offset) {
        float hub = cos;
        if (hubWeight == 0) {
            return hub;
        }
        for (int i = 1; i < references.length; i++) {
            ProblemEntry r = references[i];
            if (slots.sharesTheme(slot, r.doc().themes())) {
                float c = Int8Vectors.dot(r.vector(), 0, vectors, offset, r.vector().length) * r.scale()
                        * slots.scales[slot];
                if (c > hub) {
                    hub = c;
                }
            }
        }
        return hub;
    }

    /** The pair's score, its hub looked up from the profile's stored vector. */
    double score(int slot, float cos, double lexical) {
        byte[] vectors = blocks.vectorsOf(slot, slots.themes[slot][0]);
        int offset = blocks.offsetOf(slot);
        return score(slot, cos, hub(slot, cos, vectors, offset), lexical, learned(slot, vectors, offset));
    }

    /**
     * What verdicts on other problems that share a theme with this one teach about this profile
     * ({@link FeedbackPrior}); 0 when none bear on the problem.
     */
    double learned(int slot, byte[] vectors, int offset) {
        FeedbackPrior.Lesson[] ls = lessons.lessons();
        if (ls.length == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < ls.length; i++) {
            byte[] v = ls[i].profileVector();
            double near = prior.near(Int8Vectors.dot(v, 0, vectors, offset, v.length) * ls[i].profileScale()
                    * slots.scales[slot]);
            sum += lessons.weights()[i] * near;
        }
        return Math.max(-prior.bound(), Math.min(prior.bound(), prior.weight() * sum));
    }

    /**
     * The pair's score for a given hub. The score falls as the hub rises and the hub is at least
     * the pair's own cosine, so {@code score(slot, cos, cos, lexical)} bounds it from above: a
     * candidate whose bound cannot make the list needs no hub at all (most of them).
     */
    double score(int slot, float cos, float hub, double lexical, double learned) {
        double semantic = (cos - hubWeight * hub) * semanticScale;
        // [-1,1] -> [0,1] linearly: clamping instead would tie all weak candidates at 0.
        double score = textShare * (1 + semantic) / 2 + lexicalShare * lexical;
        if (themeWeight > 0) {
            score += themeWeight * themeShare(slot);
        }
        byte trl = slots.readiness[slot];
        if (immediate && trl > 0 && trl <= readinessThreshold) {
            // Labels grade an immature capability one step lower when the need is immediate.
            score -= readinessPenalty;
        }
        score += learned;
        return Math.max(0, Math.min(1, score));
    }

    private double themeShare(int slot) {
        Set<String> themes = problem.doc().themes();
        if (themes.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String t : slots.themes[slot]) {
            if (themes.contains(t)) {
                shared++;
            }
        }
        return (double) shared / themes.size();
    }
}
