package io.innoleap.matcher.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Many upserts, updates and removals must leave the engine exactly as if it had been built from
 * the surviving profiles alone (catches stale slots, theme-block positions and hubness).
 */
class ChurnConsistencyTest {

    private static final String[] THEMES = {"transport", "healthcare", "education", "finance"};
    private static final String[] WORDS = {"bus", "bed", "school", "loan", "sensor", "forecast", "app", "data",
        "queue", "payment", "ward", "route", "teacher", "fraud", "camera"};

    @Test
    void churnedEngineEqualsFreshlyBuiltOne() {
        churnedEqualsFresh(MatchConfig.defaults().withMinScore(0));
    }

    @Test
    void neighbourhoodsKeptIncrementallyEqualFreshOnesWhenKIsSmall() {
        // With k = 2 of 6 problems, opening and closing problems really changes who is whose neighbour.
        churnedEqualsFresh(MatchConfig.defaults().withMinScore(0).withHubNeighbours(2));
    }

    private void churnedEqualsFresh(MatchConfig config) {
        Random random = new Random(5);
        MatchEngine churned = Samples.engine(config);
        Map<UUID, ProfileDoc> alive = new HashMap<>();
        Map<UUID, float[]> vectorOf = new HashMap<>();
        List<ProblemDoc> problems = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ProblemDoc p = new ProblemDoc(new UUID(7, i), "Problem " + i, text(random, 30), themes(random),
                    i % 2 == 0 ? Horizon.IMMEDIATE_OPERATIONAL : Horizon.LONG_TERM, true);
            problems.add(p);
            vectorOf.put(p.id(), vector(random));
        }
        // Problems first for half of them, so hubness is maintained both ways.
        for (int i = 0; i < 3; i++) {
            churned.upsertProblem(problems.get(i), vectorOf.get(problems.get(i).id()));
        }
        for (int op = 0; op < 1500; op++) {
            UUID id = new UUID(8, random.nextInt(150));
            if (random.nextInt(3) > 0) {
                ProfileDoc doc = new ProfileDoc(id, "Tool " + op, text(random, 20), List.of(WORDS[random.nextInt(WORDS.length)]),
                        themes(random), 1 + random.nextInt(9), true);
                float[] v = vector(random);
                churned.upsertProfile(doc, v);
                alive.put(id, doc);
                vectorOf.put(id, v);
            } else {
                churned.removeProfile(id);
                alive.remove(id);
            }
            if (op == 700) {
                for (int i = 3; i < 6; i++) {
                    churned.upsertProblem(problems.get(i), vectorOf.get(problems.get(i).id()));
                }
                churned.removeProblem(problems.get(0).id());
            }
            if (op == 900) {
                // A problem closes and comes back, another is rewritten (new vector): neighbourhoods move.
                ProblemDoc p1 = problems.get(1);
                churned.upsertProblem(new ProblemDoc(p1.id(), p1.title(), p1.description(), p1.themes(), p1.horizon(),
                        false), vectorOf.get(p1.id()));
                vectorOf.put(problems.get(2).id(), vector(random));
                churned.upsertProblem(problems.get(2), vectorOf.get(problems.get(2).id()));
            }
            if (op == 1100) {
                churned.upsertProblem(problems.get(1), vectorOf.get(problems.get(1).id()));
            }
        }
        MatchEngine fresh = Samples.engine(config);
        alive.values().stream().sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(doc -> fresh.upsertProfile(doc, vectorOf.get(doc.id())));
        for (int i = 1; i < 6; i++) {
            fresh.upsertProblem(problems.get(i), vectorOf.get(problems.get(i).id()));
        }

        assertThat(churned.profileCount()).isEqualTo(alive.size());
        for (int i = 1; i < 6; i++) {
            List<Match> ranked = churned.rank(problems.get(i).id(), 1000);
            assertThat(ranked).isNotEmpty().isEqualTo(fresh.rank(problems.get(i).id(), 1000));
        }
        assertThat(churned.rank(problems.get(0).id(), 10)).isEmpty();
        for (UUID id : alive.keySet()) {
            assertThat(churned.scoreAgainstProblems(id)).isEqualTo(fresh.scoreAgainstProblems(id));
        }
    }

    private static Set<String> themes(Random random) {
        String a = THEMES[random.nextInt(THEMES.length)];
        String b = THEMES[random.nextInt(THEMES.length)];
        return random.nextBoolean() || a.equals(b) ? Set.of(a) : Set.of(a, b);
    }

    private static String text(Random random, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return sb.toString().trim();
    }

    private static float[] vector(Random random) {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
