package io.innoleap.matcher.matching;

import io.innoleap.matcher.ranking.FeedbackPrior;
import io.innoleap.matcher.ranking.MatchConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code innoleap.matcher.*}: top-K, minimum score and the score step of published changes; the ranking weights default to the
 * engine's measured configuration ({@link MatchConfig#defaults()}) and can be overridden for
 * experiments without a rebuild.
 */
@ConfigurationProperties("innoleap.matcher")
public class MatcherSettings {

    private static final MatchConfig DEFAULTS = MatchConfig.defaults();

    private int topK = DEFAULTS.topK();
    private double minScore = DEFAULTS.minScore();
    /** Scores are published rounded to this step, and a move smaller than it is not published. */
    private double scoreStep = PublishRule.DEFAULT.step();
    @Nullable
    private Double hubnessWeight;
    @Nullable
    private Double lexicalWeight;
    @Nullable
    private Double themeWeight;
    @Nullable
    private Double readinessPenalty;
    @Nullable
    private Integer readinessThreshold;
    @Nullable
    private Integer matchedTermsLimit;
    @Nullable
    private Integer hubNeighbours;
    /** How much agencies' verdicts move the ranking ({@link FeedbackPrior}); 0 turns learning off. */
    private double feedbackWeight = FeedbackPrior.defaults().weight();
    private double feedbackBound = FeedbackPrior.defaults().bound();
    private double feedbackThreshold = FeedbackPrior.defaults().threshold();

    public FeedbackPrior feedbackPrior() {
        return new FeedbackPrior(feedbackWeight, feedbackBound, feedbackThreshold);
    }

    public double getFeedbackWeight() {
        return feedbackWeight;
    }

    public void setFeedbackWeight(double feedbackWeight) {
        this.feedbackWeight = feedbackWeight;
    }

    public double getFeedbackBound() {
        return feedbackBound;
    }

    public void setFeedbackBound(double feedbackBound) {
        this.feedbackBound = feedbackBound;
    }

    public double getFeedbackThreshold() {
        return feedbackThreshold;
    }

    public void setFeedbackThreshold(double feedbackThreshold) {
        this.feedbackThreshold = feedbackThreshold;
    }

    public MatchConfig toConfig() {
        return new MatchConfig(topK, minScore,
                hubnessWeight == null ? DEFAULTS.hubnessWeight() : hubnessWeight,
                lexicalWeight == null ? DEFAULTS.lexicalWeight() : lexicalWeight,
                themeWeight == null ? DEFAULTS.themeWeight() : themeWeight,
                readinessPenalty == null ? DEFAULTS.readinessPenalty() : readinessPenalty,
                readinessThreshold == null ? DEFAULTS.readinessThreshold() : readinessThreshold,
                matchedTermsLimit == null ? DEFAULTS.matchedTermsLimit() : matchedTermsLimit,
                hubNeighbours == null ? DEFAULTS.hubNeighbours() : hubNeighbours);
    }

    public PublishRule publishRule() {
        return new PublishRule(scoreStep);
    }

    public double getScoreStep() {
        return scoreStep;
    }

    public void setScoreStep(double scoreStep) {
        this.scoreStep = scoreStep;
    }

    public int getTopK() {
        return topK;
    }

    public void setTopK(int topK) {
        this.topK = topK;
    }

    public double getMinScore() {
        return minScore;
    }

    public void setMinScore(double minScore) {
        this.minScore = minScore;
    }

    @Nullable
    public Double getHubnessWeight() {
        return hubnessWeight;
    }

    public void setHubnessWeight(@Nullable Double hubnessWeight) {
        this.hubnessWeight = hubnessWeight;
    }

    @Nullable
    public Double getLexicalWeight() {
        return lexicalWeight;
    }

    public void setLexicalWeight(@Nullable Double lexicalWeight) {
        this.lexicalWeight = lexicalWeight;
    }

    @Nullable
    public Double getThemeWeight() {
        return themeWeight;
    }

    public void setThemeWeight(@Nullable Double themeWeight) {
        this.themeWeight = themeWeight;
    }

    @Nullable
    public Double getReadinessPenalty() {
        return readinessPenalty;
    }

    public void setReadinessPenalty(@Nullable Double readinessPenalty) {
        this.readinessPenalty = readinessPenalty;
    }

    @Nullable
    public Integer getReadinessThreshold() {
        return readinessThreshold;
    }

    public void setReadinessThreshold(@Nullable Integer readinessThreshold) {
        this.readinessThreshold = readinessThreshold;
    }

    @Nullable
    public Integer getMatchedTermsLimit() {
        return matchedTermsLimit;
    }

    public void setMatchedTermsLimit(@Nullable Integer matchedTermsLimit) {
        this.matchedTermsLimit = matchedTermsLimit;
    }

    @Nullable
    public Integer getHubNeighbours() {
        return hubNeighbours;
    }

    public void setHubNeighbours(@Nullable Integer hubNeighbours) {
        this.hubNeighbours = hubNeighbours;
    }
}
