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

    private static Map<UUID, MatchRow> stored(List<MatchDiff.Change> changes) {
        Map<UUID, MatchRow> out = new HashMap<>();
        changes.forEach(c -> out.put(c.row().solutionProfileId(), c.row()));
        return out;
    }

    @Test
    void newPairsAreProposedWithRanksAndRoundedScores() {
        List<MatchDiff.Change> changes = MatchDiff.diff(PROBLEM,
                List.of(match(A, 0.912345, "bus"), match(B, 0.7, "traffic")), Map.of(), T0);

        assertThat(changes).extracting(MatchDiff.Change::eventType).containsExactly("MatchProposed", "MatchProposed");
        assertThat(changes).allMatch(MatchDiff.Change::insert);
        MatchSnapshot first = changes.get(0).snapshot();
        assertThat(first.solutionProfileId()).isEqualTo(A);
        assertThat(first.score()).isEqualTo(0.9123);
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.version()).isZero();
        assertThat(first.active()).isTrue();
        assertThat(first.matchedTerms()).containsExactly("bus");
        assertThat(changes.get(1).snapshot().rank()).isEqualTo(2);
    }

    @Test
    void unchangedPairsPublishNothingAndChangedOnesBumpTheirVersion() {
        Map<UUID, MatchRow> before = stored(MatchDiff.diff(PROBLEM,
                List.of(match(A, 0.9, "bus"), match(B, 0.7, "traffic")), Map.of(), T0));

        assertThat(MatchDiff.diff(PROBLEM, List.of(match(A, 0.90001, "bus"), match(B, 0.7, "traffic")), before, T1))
                .as("a move below the 4th decimal is noise").isEmpty();

        // C enters between them: B moves down a rank, A's explanation changes.
        List<MatchDiff.Change> changes = MatchDiff.diff(PROBLEM,
                List.of(match(A, 0.9, "bus", "headway"), match(C, 0.8, "route"), match(B, 0.7, "traffic")), before, T1);
        assertThat(changes).extracting(c -> c.eventType() + " " + c.row().solutionProfileId())
                .containsExactly("MatchUpdated " + A, "MatchProposed " + C, "MatchUpdated " + B);
        assertThat(stored(changes).get(B).rank()).isEqualTo(3);
        assertThat(stored(changes).get(B).version()).isEqualTo(1);
        assertThat(stored(changes).get(B).computedAt()).isEqualTo(T1);
    }

    @Test
    void pairsThatLeaveAreRetractedAndComeBackWithTheNextVersion() {
        Map<UUID, MatchRow> before = stored(MatchDiff.diff(PROBLEM,
                List.of(match(A, 0.9, "bus"), match(B, 0.7, "traffic")), Map.of(), T0));

        List<MatchDiff.Change> retract = MatchDiff.diff(PROBLEM, List.of(match(A, 0.9, "bus")), before, T1);
        assertThat(retract).hasSize(1);
        MatchSnapshot retracted = retract.get(0).snapshot();
        assertThat(retract.get(0).eventType()).isEqualTo("MatchRetracted");
        assertThat(retracted.solutionProfileId()).isEqualTo(B);
        assertThat(retracted.active()).isFalse();
        assertThat(retracted.version()).isEqualTo(1);

        Map<UUID, MatchRow> after = new HashMap<>(before);
        after.putAll(stored(retract));
        List<MatchDiff.Change> back = MatchDiff.diff(PROBLEM,
                List.of(match(A, 0.9, "bus"), match(B, 0.7, "traffic")), after, T1);
        assertThat(back).hasSize(1);
        assertThat(back.get(0).eventType()).isEqualTo("MatchProposed");
        assertThat(back.get(0).insert()).isFalse();
        assertThat(back.get(0).row().version()).isEqualTo(2);

        assertThat(MatchDiff.diff(PROBLEM, List.of(), before, T1))
                .extracting(MatchDiff.Change::eventType).containsExactly("MatchRetracted", "MatchRetracted");
    }
}
