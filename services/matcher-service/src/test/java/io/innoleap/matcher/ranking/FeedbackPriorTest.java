package io.innoleap.matcher.ranking;

import static io.innoleap.matcher.ranking.Samples.BUS;
import static io.innoleap.matcher.ranking.Samples.HEADWAY;
import static io.innoleap.matcher.ranking.Samples.PARKING;
import static io.innoleap.matcher.ranking.Samples.engine;
import static io.innoleap.matcher.ranking.Samples.problem;
import static io.innoleap.matcher.ranking.Samples.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Learning from agencies' verdicts ({@link FeedbackPrior}): bounded, only where it applies, undone by forgetting. */
class FeedbackPriorTest {

    private static final MatchConfig NO_MIN = MatchConfig.defaults().withMinScore(0);
    /** A lower threshold than the default, so that these short texts count as alike. */
    private static final FeedbackPrior PRIOR = new FeedbackPrior(0.2, 0.05, 0.3);
    /** A bus problem of another agency, worded differently: the verdicts on BUS bear on it. */
    private static final ProblemDoc FEEDER = problem("feeder", "Uneven gaps between feeder buses",
            "Feeder bus services in new towns run in clumps at peak hour, so residents wait long at stops and buses "
                    + "arrive crowded. We want buses kept evenly spaced along the route.", Horizon.IMMEDIATE_OPERATIONAL,
            "transport");
    private static final ProblemDoc TUTORING = problem("tutoring", "Pupils falling behind in mathematics",
            "Many primary school pupils fall behind in mathematics and teachers cannot give each one practice at "
                    + "the right level.", Horizon.LONG_TERM, "education");
    /** A profile much like HEADWAY, and one like PARKING. */
    private static final ProfileDoc SPACER = profile("spacer", "BusSpacer", "Keeps buses on a route evenly spaced "
            + "by advising drivers to hold or speed up, using live vehicle positions.", List.of("bus", "spacing"), 7,
            "transport");
    private static final ProfileDoc KERB = profile("kerb", "KerbFinder", "Shows drivers free kerbside parking "
            + "spaces from street sensors so they stop circling the block.", List.of("parking"), 7, "transport");

    private static Map<UUID, Double> scores(MatchEngine engine, ProblemDoc p) {
        return engine.rank(p.id(), 10).stream().collect(Collectors.toMap(Match::profileId, Match::score));
    }

    private static MatchEngine loaded(FeedbackPrior prior) {
        MatchEngine engine = engine(NO_MIN);
        engine.feedbackPrior(prior);
        for (ProfileDoc p : List.of(HEADWAY, PARKING, SPACER, KERB)) {
            engine.upsertProfile(p);
        }
        for (ProblemDoc p : List.of(BUS, FEEDER, TUTORING)) {
            engine.upsertProblem(p);
        }
        return engine;
    }

    @Test
    void verdictsOnASimilarProblemMoveLikeProfilesWithinTheBoundAndNothingElse() {
        MatchEngine engine = loaded(PRIOR);
        Map<UUID, Double> before = scores(engine, FEEDER);
        Map<UUID, Double> busBefore = scores(engine, BUS);
        Map<UUID, Double> tutoringBefore = scores(engine, TUTORING);
        assertThat(engine.learn(engine.lesson(BUS.id(), HEADWAY.id(), true, BUS.themes(), engine.embedding(BUS),
                engine.embedding(HEADWAY)))).as("the lists it can move").containsExactly(FEEDER.id());
        engine.learn(engine.lesson(BUS.id(), PARKING.id(), false, BUS.themes(), engine.embedding(BUS),
                engine.embedding(PARKING)));

        Map<UUID, Double> after = scores(engine, FEEDER);
        double bound = PRIOR.bound();
        assertThat(after.get(SPACER.id())).as("like the RELEVANT one: up").isGreaterThan(before.get(SPACER.id()))
                .isLessThanOrEqualTo(before.get(SPACER.id()) + bound + 1e-9);
        assertThat(after.get(KERB.id())).as("like the NOT_RELEVANT one: down").isLessThan(before.get(KERB.id()))
                .isGreaterThanOrEqualTo(before.get(KERB.id()) - bound - 1e-9);
        assertThat(scores(engine, BUS)).as("never its own problem's list").isEqualTo(busBefore);
        assertThat(scores(engine, TUTORING)).as("no shared theme").isEqualTo(tutoringBefore);
        // scoresFor (the rechecks) agrees with rank.
        assertThat(engine.scoresFor(SPACER.id()).get(FEEDER.id())).isCloseTo(after.get(SPACER.id()), within(1e-9));

        engine.forget(BUS.id(), HEADWAY.id());
        engine.forget(BUS.id(), PARKING.id());
        assertThat(scores(engine, FEEDER)).isEqualTo(before);
    }

    @Test
    void offOrWithoutVerdictsTheRankingIsExactlyTheSame() {
        MatchEngine plain = loaded(FeedbackPrior.off());
        MatchEngine learning = loaded(PRIOR);
        for (ProblemDoc p : List.of(BUS, FEEDER, TUTORING)) {
            assertThat(learning.rank(p.id(), 10)).isEqualTo(plain.rank(p.id(), 10));
        }
        plain.learn(plain.lesson(BUS.id(), HEADWAY.id(), true, BUS.themes(), plain.embedding(BUS),
                plain.embedding(HEADWAY)));
        assertThat(plain.rank(FEEDER.id(), 10)).isEqualTo(learning.rank(FEEDER.id(), 10));
    }
}
