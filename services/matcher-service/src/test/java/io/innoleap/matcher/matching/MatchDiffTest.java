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
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

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
    private static final int K = 10;

    /** A re-rank caused by some other document: neither side of any pair changed. */
    private static List<MatchDiff.Change> diff(List<Match> ranked, Map<UUID, MatchRow> stored, Instant now) {
        return MatchDiff.diff(PROBLEM, ranked, K, stored, now, RULE, pair -> false);
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

        // C enters between them: B is pushed to third, which its published score still says (0.7 after
        // C's 0.8), so B is not news; A's explanation changes because A itself changed.
        List<MatchDiff.Change> changes = MatchDiff.diff(PROBLEM,
                List.of(match(A, 0.9, "bus", "headway"), match(C, 0.8, "route"), match(B, 0.7, "traffic")), K, before, T1,
                RULE, pair -> A.equals(pair.solutionProfileId()));
        assertThat(changes).extracting(c -> c.eventType() + " " + c.row().solutionProfileId() + " " + c.reason())
                .containsExactly("MatchUpdated " + A + " EXPLANATION", "MatchProposed " + C + " ENTERED");
        assertThat(stored(changes).get(A).version()).isEqualTo(1);
        assertThat(stored(changes).get(A).computedAt()).isEqualTo(T1);
        Map<UUID, MatchRow> after = new HashMap<>(before);
        after.putAll(stored(changes));
        assertThat(MatchDiff.numbered(List.copyOf(after.values())))
                .as("read in published order, the list is the engine's, numbered 1..3")
                .extracting(MatchRow::solutionProfileId, MatchRow::rank)
                .containsExactly(tuple(A, 1), tuple(C, 2), tuple(B, 3));
    }

    @Test
    void aPairThatDropsIsNewsAndThePairsItPassesAreNot() {
        UUID d = UUID.randomUUID();
        UUID e = UUID.randomUUID();
        Map<UUID, MatchRow> before = stored(diff(List.of(match(A, 0.90), match(B, 0.85), match(C, 0.80), match(d, 0.75),
                match(e, 0.70)), Map.of(), T0));

        // B's profile was rewritten and now fits less: it falls from 2nd to 5th. C, d and e each move
        // up one place, and their published scores already say so.
        List<MatchDiff.Change> changes = diff(List.of(match(A, 0.90), match(C, 0.80), match(d, 0.75), match(e, 0.70),
                match(B, 0.60)), before, T1);
        assertThat(changes).extracting(c -> c.row().solutionProfileId() + " " + c.reason() + " " + c.row().score() + " "
                + c.row().rank()).containsExactly(B + " SCORE 0.6 5");
    }

    @Test
    void theListAsReadIsAlwaysTheEnginesToTheStep() {
        java.util.Random random = new java.util.Random(7);
        List<UUID> profiles = java.util.stream.IntStream.range(0, 25).mapToObj(i -> new UUID(1, i)).toList();
        Map<UUID, Double> score = new HashMap<>();
        profiles.forEach(p -> score.put(p, 0.4 + 0.5 * random.nextDouble()));
        Map<UUID, MatchRow> stored = new HashMap<>();
        int events = 0;
        int shifts = 0;
        int crossings = 0;
        int heldBelow = 0;
        int nudgedElsewhere = 0;
        for (int round = 0; round < 2000; round++) {
            // a few profiles move, mostly by less than a step as other documents nudge them, sometimes by a
            // lot because the profile itself was edited
            java.util.Set<UUID> edited = new java.util.HashSet<>();
            for (int k = 0; k < 3; k++) {
                UUID p = profiles.get(random.nextInt(profiles.size()));
                boolean edit = random.nextDouble() >= 0.8;
                double move = edit ? random.nextGaussian() * 0.1 : random.nextGaussian() * 0.004;
                score.put(p, Math.max(0.4, Math.min(1, score.get(p) + move)));
                if (edit) {
                    edited.add(p);
                }
            }
            List<Match> ranked = profiles.stream().map(p -> match(p, score.get(p)))
                    .sorted(java.util.Comparator.comparingDouble(Match::score).reversed().thenComparing(Match::profileId))
                    .limit(RULE.window(K)).toList();
            Map<UUID, Integer> positionBefore = new HashMap<>();
            MatchDiff.numbered(stored.values().stream().filter(MatchRow::active).toList())
                    .forEach(r -> positionBefore.put(r.solutionProfileId(), r.rank()));
            List<MatchDiff.Change> changes = MatchDiff.diff(PROBLEM, ranked, K, stored, T1, RULE,
                    pair -> edited.contains(pair.solutionProfileId()));
            events += changes.size();
            changes.forEach(c -> stored.put(c.row().solutionProfileId(), c.row()));

            List<MatchRow> read = MatchDiff.numbered(stored.values().stream().filter(MatchRow::active).toList());
            assertThat(read).as("round %d: the list holds 10 pairs", round).hasSize(K);
            double weakest = read.stream().mapToDouble(r -> score.get(r.solutionProfileId())).min().orElseThrow();
            for (UUID p : profiles) {
                if (read.stream().noneMatch(r -> r.solutionProfileId().equals(p))) {
                    assertThat(score.get(p) - weakest).as("round %d: a pair left out scores a step above one listed", round)
                            .isLessThan(RULE.step() - 1e-9);
                }
            }
            if (read.stream().anyMatch(r -> ranked.subList(0, K).stream().noneMatch(m -> m.profileId().equals(r.solutionProfileId())))) {
                heldBelow++;
            }
            for (int i = 0; i < read.size(); i++) {
                double exact = score.get(read.get(i).solutionProfileId());
                assertThat(read.get(i).score()).isCloseTo(exact, within(RULE.step() + 1e-9));
                for (int j = i + 1; j < read.size(); j++) {
                    double below = score.get(read.get(j).solutionProfileId());
                    assertThat(below - exact).as("round %d: position %d is read below %d but scores a step more",
                            round, j + 1, i + 1).isLessThan(RULE.step() - 1e-9);
                    if (below > exact) {
                        crossings++;
                    }
                }
                Integer was = positionBefore.get(read.get(i).solutionProfileId());
                if (was != null && was != i + 1) {
                    shifts++;
                }
            }
            List<UUID> readIds = read.stream().map(MatchRow::solutionProfileId).toList();
            List<UUID> engineIds = ranked.stream().map(Match::profileId).toList();
            for (MatchDiff.Change c : changes) {
                if (c.row().active()) {
                    UUID news = c.row().solutionProfileId();
                    assertThat(c.row().rank()).as("round %d: an update's rank is its position as read", round)
                            .isEqualTo(readIds.indexOf(news) + 1);
                    if (!edited.contains(news)) {
                        if (engineIds.indexOf(news) < K && readIds.indexOf(news) != engineIds.indexOf(news)) {
                            nudgedElsewhere++;
                        }
                        continue; // nudged by others: within a step of its place (checked above)
                    }
                    assertThat(engineIds.indexOf(news)).as("round %d: an edited profile is listed where it ranks", round)
                            .isLessThan(K);
                    for (UUID other : readIds) {
                        assertThat(readIds.indexOf(news) < readIds.indexOf(other))
                                .as("round %d: an edited profile's pair is read where the engine ranks it", round)
                                .isEqualTo(engineIds.indexOf(news) < engineIds.indexOf(other));
                    }
                }
            }
        }
        assertThat(events).as("fewer events than pairs that changed position (%d)", shifts).isLessThan(shifts);
        assertThat(crossings).as("some pairs read in an order the engine no longer has, within a step").isPositive();
        assertThat(heldBelow).as("some lists hold a pair the engine ranks just below the 10th, within a step").isPositive();
        assertThat(nudgedElsewhere).as("some nudged pairs are published at a place within a step of the engine's")
                .isPositive();
    }

    @Test
    void aPairSlippingJustBelowTheKthStaysListedUntilTheNewcomerIsAStepAbove() {
        UUID e = UUID.randomUUID();
        Map<UUID, MatchRow> before = stored(MatchDiff.diff(PROBLEM, List.of(match(A, 0.90), match(B, 0.80),
                match(C, 0.70)), 3, Map.of(), T0, RULE, pair -> false));

        // e enters at 0.705, just above C's 0.699 now: C stays listed in third place, and nothing is news.
        assertThat(MatchDiff.diff(PROBLEM, List.of(match(A, 0.90), match(B, 0.80), match(e, 0.705), match(C, 0.699)), 3,
                before, T1, RULE, pair -> false)).isEmpty();

        // e moves up to a step above C: e enters in third place and C leaves.
        List<MatchDiff.Change> changes = MatchDiff.diff(PROBLEM, List.of(match(A, 0.90), match(B, 0.80), match(e, 0.712),
                match(C, 0.699)), 3, before, T1, RULE, pair -> false);
        assertThat(changes).extracting(ch -> ch.row().solutionProfileId() + " " + ch.reason() + " " + ch.row().rank())
                .containsExactly(e + " ENTERED 3", C + " LEFT 3");

        // Only nudges from other documents are absorbed: a newly registered (or edited) profile enters
        // where the engine ranks it, and an edited profile leaves where the engine ranks it.
        assertThat(MatchDiff.diff(PROBLEM, List.of(match(A, 0.90), match(B, 0.80), match(e, 0.705), match(C, 0.699)), 3,
                before, T1, RULE, pair -> e.equals(pair.solutionProfileId())))
                .extracting(ch -> ch.row().solutionProfileId() + " " + ch.reason()).containsExactly(e + " ENTERED", C + " LEFT");
        assertThat(MatchDiff.diff(PROBLEM, List.of(match(A, 0.90), match(B, 0.80), match(e, 0.705), match(C, 0.699)), 3,
                before, T1, RULE, pair -> C.equals(pair.solutionProfileId())))
                .extracting(ch -> ch.row().solutionProfileId() + " " + ch.reason()).containsExactly(e + " ENTERED", C + " LEFT");

        // A listed pair held below the K-th whose own score moved a step is republished in its place: one
        // update instead of one pair in and one out.
        assertThat(MatchDiff.diff(PROBLEM, List.of(match(A, 0.90), match(B, 0.80), match(e, 0.695), match(C, 0.689)), 3,
                before, T1, RULE, pair -> false)).extracting(ch -> ch.row().solutionProfileId() + " " + ch.reason() + " "
                + ch.row().score() + " " + ch.row().rank()).containsExactly(C + " SCORE 0.69 3");
    }

    @Test
    void theListAgreesWithTheEngineToTheStepOrSaysWhy() {
        UUID e = UUID.randomUUID();
        List<Match> window = List.of(match(A, 0.90), match(B, 0.80), match(e, 0.705), match(C, 0.699));
        assertThat(MatchDiff.disagreement(List.of(A, B, C), window, 3, RULE)).isEmpty();
        assertThat(MatchDiff.disagreement(List.of(A, B, e), window, 3, RULE)).isEmpty();
        assertThat(MatchDiff.disagreement(List.of(A, e, C), window, 3, RULE)).hasValueSatisfying(
                why -> assertThat(why).startsWith("leaves out " + B));
        assertThat(MatchDiff.disagreement(List.of(B, A, C), window, 3, RULE)).hasValueSatisfying(
                why -> assertThat(why).startsWith("reads " + A + " at 2"));
        assertThat(MatchDiff.disagreement(List.of(A, B), window, 3, RULE)).hasValueSatisfying(
                why -> assertThat(why).startsWith("holds "));
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
    void pairsThatCrossByLessThanAStepAreNotNewsByAStepTheyAre() {
        Map<UUID, MatchRow> before = stored(diff(List.of(match(A, 0.801, "bus"), match(B, 0.799, "traffic")),
                Map.of(), T0));

        // B overtakes A by 0.002: both still round to 0.80, and the list as published keeps A first.
        assertThat(diff(List.of(match(B, 0.800, "traffic"), match(A, 0.798, "bus")), before, T1)).isEmpty();

        // B pulls ahead by 0.012 while neither moved a step from its published 0.80: A, read above a pair
        // that now scores a step more, is republished with its rounded score and its new place.
        List<MatchDiff.Change> swapped = diff(List.of(match(B, 0.806, "traffic"), match(A, 0.794, "bus")),
                before, T1);
        assertThat(swapped).extracting(c -> c.row().solutionProfileId() + " " + c.reason() + " " + c.row().score()
                + " rank " + c.row().rank()).containsExactly(A + " ORDER 0.79 rank 2");
    }

    @Test
    void aPairEnteringAboveAPairWithinAStepIsReadAboveIt() {
        UUID d = UUID.randomUUID();
        Map<UUID, MatchRow> before = stored(diff(List.of(match(A, 0.84), match(B, 0.617), match(d, 0.50)), Map.of(), T0));
        // C enters above B and B keeps its published 0.62 and rank 2
        Map<UUID, MatchRow> after = new HashMap<>(before);
        after.putAll(stored(diff(List.of(match(A, 0.84), match(C, 0.71), match(B, 0.617), match(d, 0.50)), before, T1)));

        // A newly registered profile scores 0.6225, a little above B (both 0.62 as published): it must be
        // read above B.
        UUID e = UUID.randomUUID();
        List<MatchDiff.Change> changes = MatchDiff.diff(PROBLEM, List.of(match(A, 0.84), match(C, 0.71), match(e, 0.6225),
                match(B, 0.617), match(d, 0.50)), K, after, T1, RULE, pair -> e.equals(pair.solutionProfileId()));
        after.putAll(stored(changes));
        assertThat(MatchDiff.numbered(List.copyOf(after.values()))).extracting(MatchRow::solutionProfileId)
                .containsExactly(A, C, e, B, d);
    }

    @Test
    void aPairEnteringAmongEqualScoresIsReadInItsPlace() {
        UUID b = new UUID(0, 2);
        UUID c = new UUID(0, 3);
        UUID d = new UUID(0, 4);
        UUID e = new UUID(0, 5);
        Map<UUID, MatchRow> before = stored(diff(List.of(match(A, 0.90), match(b, 0.801), match(c, 0.799),
                match(d, 0.70)), Map.of(), T0));

        // A newly registered profile e enters between b and c with the same rounded score, so it is
        // published with rank 3. c, pushed to 4th, still holds rank 3, and on equal score and rank its
        // smaller id would read it above e: c alone is republished with its new place; d, on a lower
        // score, is not news.
        List<Match> ranked = List.of(match(A, 0.90), match(b, 0.801), match(e, 0.800), match(c, 0.799), match(d, 0.70));
        List<MatchDiff.Change> changes = MatchDiff.diff(PROBLEM, ranked, K, before, T1, RULE,
                pair -> e.equals(pair.solutionProfileId()));
        assertThat(changes).extracting(ch -> ch.row().solutionProfileId() + " " + ch.reason() + " " + ch.row().rank())
                .containsExactly(e + " ENTERED 3", c + " ORDER 4");
        Map<UUID, MatchRow> after = new HashMap<>(before);
        after.putAll(stored(changes));
        assertThat(MatchDiff.numbered(List.copyOf(after.values()))).extracting(MatchRow::solutionProfileId)
                .containsExactly(A, b, e, c, d);

        // An existing profile that other documents nudge into the same place is read just below c
        // instead (less than a step from its place): one event, not two.
        List<MatchDiff.Change> nudged = diff(ranked, before, T1);
        assertThat(nudged).extracting(ch -> ch.row().solutionProfileId() + " " + ch.reason() + " " + ch.row().rank())
                .containsExactly(e + " ENTERED 4");
        Map<UUID, MatchRow> afterNudge = new HashMap<>(before);
        afterNudge.putAll(stored(nudged));
        assertThat(MatchDiff.numbered(List.copyOf(afterNudge.values()))).extracting(MatchRow::solutionProfileId)
                .containsExactly(A, b, c, e, d);
    }

    @Test
    void explanationDriftIsNewsOnlyWhenThePairsOwnSideChanged() {
        Map<UUID, MatchRow> before = stored(diff(List.of(match(A, 0.8, "bus", "route")), Map.of(), T0));
        List<Match> reordered = List.of(match(A, 0.8, "route", "bus"));

        // Another profile joined the corpus and the BM25 order of A's matched terms flipped: not news.
        assertThat(diff(reordered, before, T1)).isEmpty();
        // A itself was edited: its new explanation is published.
        assertThat(MatchDiff.diff(PROBLEM, reordered, K, before, T1, RULE, pair -> A.equals(pair.solutionProfileId())))
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
