package io.innoleap.matcher.ranking;

/**
 * Ranking knobs. Defaults are the configuration measured in the module README; each one exists
 * for a reason stated there, and all are round values on purpose (23 labelled problems cannot
 * justify more precision).
 *
 * @param topK               matches kept per problem
 * @param minScore           matches below this score are not kept
 * @param hubnessWeight      CSLS-style correction: share of a profile's best similarity to the
 *                           problem or one of its nearest open problems (on the profile's themes)
 *                           subtracted from its similarity, so a generic profile, or one written
 *                           for a neighbouring problem, does not top the list; 0 = plain cosine,
 *                           0.5 = CSLS
 * @param lexicalWeight      weight of the BM25 score (normalised by the query's maximum) in the
 *                           text relevance; the rest is the embedding similarity
 * @param themeWeight        weight of the share of the problem's themes the profile covers
 * @param readinessPenalty   subtracted for immature profiles on immediate operational problems
 * @param readinessThreshold a profile at this TRL or lower is "immature"
 * @param matchedTermsLimit  how many matched terms explain a match
 * @param hubNeighbours      how many nearest open problems form a problem's hubness reference
 */
public record MatchConfig(int topK, double minScore, double hubnessWeight, double lexicalWeight,
                          double themeWeight, double readinessPenalty, int readinessThreshold,
                          int matchedTermsLimit, int hubNeighbours) {

    public MatchConfig {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1");
        }
        if (hubnessWeight < 0 || hubnessWeight >= 1) {
            throw new IllegalArgumentException("hubnessWeight must be in [0,1)");
        }
        if (hubNeighbours < 0) {
            throw new IllegalArgumentException("hubNeighbours must be >= 0");
        }
        if (lexicalWeight < 0 || lexicalWeight > 1 || themeWeight < 0 || themeWeight > 1) {
            throw new IllegalArgumentException("weights must be in [0,1]");
        }
    }

    public static MatchConfig defaults() {
        return new MatchConfig(10, 0.4, 0.3, 0.0, 0.0, 0.05, 4, 5, 5);
    }

    public MatchConfig withTopK(int v) {
        return new MatchConfig(v, minScore, hubnessWeight, lexicalWeight, themeWeight, readinessPenalty, readinessThreshold, matchedTermsLimit, hubNeighbours);
    }

    public MatchConfig withMinScore(double v) {
        return new MatchConfig(topK, v, hubnessWeight, lexicalWeight, themeWeight, readinessPenalty, readinessThreshold, matchedTermsLimit, hubNeighbours);
    }

    public MatchConfig withHubnessWeight(double v) {
        return new MatchConfig(topK, minScore, v, lexicalWeight, themeWeight, readinessPenalty, readinessThreshold, matchedTermsLimit, hubNeighbours);
    }

    public MatchConfig withLexicalWeight(double v) {
        return new MatchConfig(topK, minScore, hubnessWeight, v, themeWeight, readinessPenalty, readinessThreshold, matchedTermsLimit, hubNeighbours);
    }

    public MatchConfig withThemeWeight(double v) {
        return new MatchConfig(topK, minScore, hubnessWeight, lexicalWeight, v, readinessPenalty, readinessThreshold, matchedTermsLimit, hubNeighbours);
    }

    public MatchConfig withReadinessPenalty(double v) {
        return new MatchConfig(topK, minScore, hubnessWeight, lexicalWeight, themeWeight, v, readinessThreshold, matchedTermsLimit, hubNeighbours);
    }

    public MatchConfig withHubNeighbours(int v) {
        return new MatchConfig(topK, minScore, hubnessWeight, lexicalWeight, themeWeight, readinessPenalty, readinessThreshold, matchedTermsLimit, v);
    }

    public MatchConfig withMatchedTermsLimit(int v) {
        return new MatchConfig(topK, minScore, hubnessWeight, lexicalWeight, themeWeight, readinessPenalty, readinessThreshold, v, hubNeighbours);
    }
}
