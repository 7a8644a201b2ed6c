package io.innoleap.matcher.service;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.matcher.matching.MatchDiff;
import io.innoleap.matcher.matching.MatchQueries;
import io.innoleap.matcher.matching.MatchingService;
import io.innoleap.matcher.matching.PublishRule;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.store.MatchRow;
import io.innoleap.testkit.ServiceTestProperties;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Applying snapshots in batches (as the listeners do, a poll at a time) ends with the same lists
 * as applying them one by one, and both are what the engine ranks from scratch (to the score step). Each mode runs
 * in its own service with its own database; snapshots are handed to the service directly.
 */
class BatchApplyTest {

    /** Three data sets plus edits, withdrawals, a closure and a stale duplicate: 36 snapshots in order. */
    private static List<Object> history() {
        List<Object> out = new ArrayList<>();
        List<Dataset> sets = List.of(new Dataset("batch-a"), new Dataset("batch-b"), new Dataset("batch-c"));
        for (Dataset d : sets) {
            out.addAll(d.profiles().subList(0, 3));
        }
        for (Dataset d : sets) {
            out.addAll(d.problems());
            out.addAll(d.profiles().subList(3, 6));
        }
        Dataset a = sets.get(0);
        Dataset b = sets.get(1);
        out.add(Dataset.rewritten(a.junctionEye, "BunchBuster", "BunchBuster predicts bus bunching on busy trunk "
                + "routes from vehicle locations and holds buses to keep even headways.", List.of("bus bunching")));
        out.add(Dataset.withStatus(a.triageCast, SolutionProfileStatus.WITHDRAWN));
        out.add(Dataset.withStatus(b.illegalDumping, ProblemStatementStatus.CLOSED));
        out.add(b.fleetSense); // a stale duplicate (version 0 again): changes nothing
        return out;
    }

    @Test
    void batchesEndWithTheSameListsAsOneByOne() {
        List<Object> history = history();

        Map<UUID, List<MatchRow>> oneByOne;
        try (ApplicationContext ctx = ApplicationContext.run(
                Map.copyOf(ServiceTestProperties.forService("matcher-one-by-one").build()))) {
            MatchingService matching = ctx.getBean(MatchingService.class);
            for (Object s : history) {
                if (s instanceof ProblemStatementSnapshot p) {
                    matching.apply(p);
                } else {
                    matching.apply((SolutionProfileSnapshot) s);
                }
            }
            oneByOne = lists(ctx);
            assertListsAreWhatTheEngineRanks(ctx, oneByOne);
        }

        Map<UUID, List<MatchRow>> batched;
        try (ApplicationContext ctx = ApplicationContext.run(
                Map.copyOf(ServiceTestProperties.forService("matcher-batched").build()))) {
            MatchingService matching = ctx.getBean(MatchingService.class);
            int applied = 0;
            // Batches of 7 cut across kinds, data sets and edits of the same id.
            for (int from = 0; from < history.size(); from += 7) {
                List<SolutionProfileSnapshot> profiles = new ArrayList<>();
                List<ProblemStatementSnapshot> problems = new ArrayList<>();
                for (Object s : history.subList(from, Math.min(history.size(), from + 7))) {
                    if (s instanceof ProblemStatementSnapshot p) {
                        problems.add(p);
                    } else {
                        profiles.add((SolutionProfileSnapshot) s);
                    }
                }
                applied += matching.applyAll(profiles, problems);
            }
            assertThat(applied).as("every snapshot but the stale duplicate").isEqualTo(history.size() - 1);
            batched = lists(ctx);
            assertListsAreWhatTheEngineRanks(ctx, batched);
        }

        assertThat(batched.keySet()).isEqualTo(oneByOne.keySet()).hasSize(8);
        for (UUID problem : oneByOne.keySet()) {
            // The same pairs; both orders are the engine's to the step (checked above), and one by one a
            // pair may keep a score or a place published before later tiny moves, never a step off.
            Map<UUID, Double> a = new HashMap<>();
            oneByOne.get(problem).forEach(r -> a.put(r.solutionProfileId(), r.score()));
            assertThat(batched.get(problem)).extracting(MatchRow::solutionProfileId)
                    .containsExactlyInAnyOrderElementsOf(a.keySet());
            for (MatchRow r : batched.get(problem)) {
                assertThat(r.score()).isCloseTo(a.get(r.solutionProfileId()), within(PublishRule.DEFAULT.step() + 1e-9));
            }
        }
    }

    private static Map<UUID, List<MatchRow>> lists(ApplicationContext ctx) {
        Map<UUID, List<MatchRow>> out = new HashMap<>();
        for (MatchRow r : ctx.getBean(MatchQueries.class).allActive()) {
            out.computeIfAbsent(r.problemStatementId(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** Stored lists, as read, are the engine's ranking to the step; stored scores within a step of its scores. */
    private static void assertListsAreWhatTheEngineRanks(ApplicationContext ctx, Map<UUID, List<MatchRow>> stored) {
        MatchEngine engine = ctx.getBean(MatchEngine.class);
        for (Map.Entry<UUID, List<MatchRow>> e : stored.entrySet()) {
            List<Match> ranked = PublishRule.DEFAULT.window(engine, e.getKey());
            assertThat(MatchDiff.disagreement(e.getValue().stream().map(MatchRow::solutionProfileId).toList(), ranked,
                    engine.config().topK(), PublishRule.DEFAULT)).isEmpty();
            for (MatchRow r : e.getValue()) {
                double score = ranked.stream().filter(m -> m.profileId().equals(r.solutionProfileId())).findFirst()
                        .orElseThrow().score();
                assertThat(r.score()).isCloseTo(score, within(PublishRule.DEFAULT.step() + 1e-9));
            }
        }
    }
}
