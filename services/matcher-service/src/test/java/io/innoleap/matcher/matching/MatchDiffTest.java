package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.store.MatchRow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MatchDiffTest {

    private static final UUID PROBLEM = UUID.randomUUID();
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-22T11:00:00Z");

    private static Match match(UUID profile, double score, String... terms) {
        return new Match(PROBLEM, profile, score, List.of("transport"), List.of(terms));
    }

    private static final PublishRule RULE = PublishRule.DEFAULT;

    /** A re-rank caused by some other document: neither side of any pair changed. */
    private static List<MatchDiff.Change> diff(List<Match> ranked, Map<UUID, MatchRow> stored, Instant now) {
        return MatchDiff.diff(PROBLEM, ranked, stored, now, RULE, pair -> false);
    }

    private static Map<UUID, MatchRow> stored(List<MatchDiff.Change> changes) {
        Map<UUID, MatchRow> out = new HashMap<>();
        changes.forEach(c -> out.put(c.row().solutionProfileId(), c.row()));
        return out;
    }

    @Test
    void newPairsAreProposedWithRanksAndRoundedScores() {
        List<MatchDiff.Change> changes = diff(
                List.of(match(A, 0.912345, "bus"), match(B, 0.7, "traffic")), Map.of(), T0);

        assertThat(changes).extracting(MatchDiff.Change::eventType).containsExactly("MatchProposed", "MatchProposed");
        assertThat(changes).allMatch(MatchDiff.Change::insert);
        MatchSnapshot first = changes.get(0).snapshot();
        assertThat(first.solutionProfileId()).isEqualTo(A);
        assertThat(first.score()).as("published on the step's grid").isEqualTo(0.91);
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.version()).isZero();
        assertThat(first.active()).isTrue();
        assertThat(first.matchedTerms()).containsExactly("bus");
        assertThat(changes.get(1).snapshot().rank()).isEqualTo(2);
    }

    @Test
    void unchangedPairsPublishNothingAndChangedOnesBumpTheirVersion() {
        Map<UUID, MatchRow> before = stored(diff(
                List.of(match(A, 0.9, "bus"), match(B, 0.7, "traffic")), Map.of(), T0));

        assertThat(diff(List.of(match(A, 0.90001, "bus"), match(B, 0.7, "traffic")), before, T1))
                .as("a move far below the step is noise").isEmpty();

        // C enters between them: B moves down a rank; A's explanation changes because A itself changed.
        List<MatchDiff.Change> changes = MatchDiff.diff(PROBLEM,
                List.of(match(A, 0.9, "bus", "headway"), match(C, 0.8, "route"), match(B, 0.7, "traffic")), before, T1,
                RULE, pair -> A.equals(pair.solutionProfileId()));
        assertThat(changes).extracting(c -> c.eventType() + " " + c.row().solutionProfileId())
                .containsExactly("MatchUpdated " + A, "MatchProposed " + C, "MatchUpdated " + B);
        assertThat(stored(changes).get(B).rank()).isEqualTo(3);
        assertThat(stored(changes).get(B).version()).isEqualTo(1);
        assertThat(stored(changes).get(B).computedAt()).isEqualTo(T1);
    }

    @Test
    void pairsThatLeaveAreRetractedAndComeBackWithTheNextVersion() {
        Map<UUID, MatchRow> before = stored(diff(
                List.of(match(A, 0.9, "bus"), match(B, 0.7, "traffic")), Map.of(), T0));

        List<MatchDiff.Change> retract = diff(List.of(match(A, 0.9, "bus")), before, T1);
        assertThat(retract).hasSize(1);
        MatchSnapshot retracted = retract.get(0).snapshot();
        assertThat(retract.get(0).eventType()).isEqualTo("MatchRetracted");
        assertThat(retracted.solutionProfileId()).isEqualTo(B);
        assertThat(retracted.active()).isFalse();
        assertThat(retracted.version()).isEqualTo(1);

        Map<UUID, MatchRow> after = new HashMap<>(before);
        after.putAll(stored(retract));
        List<MatchDiff.Change> back = diff(
                List.of(match(A, 0.9, "bus"), match(B, 0.7, "traffic")), after, T1);
        assertThat(back).hasSize(1);
        assertThat(back.get(0).eventType()).isEqualTo("MatchProposed");
        assertThat(back.get(0).insert()).isFalse();
        assertThat(back.get(0).row().version()).isEqualTo(2);

        assertThat(diff(List.of(), before, T1))
                .extracting(MatchDiff.Change::eventType).containsExactly("MatchRetracted", "MatchRetracted");
    }

    @Test
    void aScoreMoveBelowTheStepPublishesNothingEvenWhenMovesAddUp() {
        Map<UUID, MatchRow> before = stored(diff(List.of(match(A, 0.80, "bus"), match(B, 0.60, "traffic")),
                Map.of(), T0));

        // Hubness nudges A down three times by 0.004: 0.796, 0.792 publish nothing (within one step of
        // the published 0.80)...
        assertThat(diff(List.of(match(A, 0.796, "bus"), match(B, 0.60, "traffic")), before, T1)).isEmpty();
        assertThat(diff(List.of(match(A, 0.792, "bus"), match(B, 0.60, "traffic")), before, T1)).isEmpty();
        // ...but once the moves add up to a step from what was published, the new score is published,
        // rounded to the step.
        List<MatchDiff.Change> drift = diff(List.of(match(A, 0.789, "bus"), match(B, 0.60, "traffic")), before, T1);
        assertThat(drift).extracting(c -> c.eventType() + " " + c.row().solutionProfileId() + " " + c.row().score())
                .containsExactly("MatchUpdated " + A + " 0.79");
        assertThat(drift.get(0).previousVersion()).isZero();
        assertThat(drift.get(0).row().version()).isEqualTo(1);
    }

    @Test
    void aRankChangePublishesEvenWhenScoresBarelyMove() {
        Map<UUID, MatchRow> before = stored(diff(List.of(match(A, 0.801, "bus"), match(B, 0.799, "traffic")),
                Map.of(), T0));

        // B overtakes A by 0.002: both move in rank, so both are news (with their current scores).
        List<MatchDiff.Change> swapped = diff(List.of(match(B, 0.800, "traffic"), match(A, 0.798, "bus")),
                before, T1);
        assertThat(swapped).extracting(c -> c.eventType() + " " + c.row().solutionProfileId() + " rank "
                + c.row().rank()).containsExactly("MatchUpdated " + B + " rank 1", "MatchUpdated " + A + " rank 2");
    }

    @Test
    void explanationDriftIsNewsOnlyWhenThePairsOwnSideChanged() {
        Map<UUID, MatchRow> before = stored(diff(List.of(match(A, 0.8, "bus", "route")), Map.of(), T0));
        List<Match> reordered = List.of(match(A, 0.8, "route", "bus"));

        // Another profile joined the corpus and the BM25 order of A's matched terms flipped: not news.
        assertThat(diff(reordered, before, T1)).isEmpty();
        // A itself was edited: its new explanation is published.
        assertThat(MatchDiff.diff(PROBLEM, reordered, before, T1, RULE, pair -> A.equals(pair.solutionProfileId())))
                .extracting(MatchDiff.Change::eventType).containsExactly("MatchUpdated");
    }

    @Test
    void scoresAreRoundedToTheConfiguredStep() {
        assertThat(new PublishRule(0.05).round(0.8124)).isEqualTo(0.8);
        assertThat(new PublishRule(0.05).round(0.8251)).isEqualTo(0.85);
        assertThat(PublishRule.DEFAULT.round(0.29)).isEqualTo(0.29);
        assertThat(PublishRule.DEFAULT.round(0.126)).isEqualTo(0.13);
        assertThat(new PublishRule(0.05).moved(0.84, 0.8)).isFalse();
        assertThat(new PublishRule(0.05).moved(0.85, 0.8)).isTrue();
    }
}
