package io.innoleap.matcher.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.innoleap.matcher.ranking.EmbeddingCache;
import io.innoleap.matcher.ranking.FeedbackPrior;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchConfig;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.MiniLmEmbedder;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.matcher.ranking.TextEmbedder;

/**
 * Does feedback teach the ranking? On each labelled set, agencies give verdicts on the top 5 of
 * half of the problems (verdicts from the labels: grade >= 2 RELEVANT, grade 0 NOT_RELEVANT,
 * grade 1 "plausible" gets none), as the service takes them: the ranking learns from each verdict
 * ({@link FeedbackPrior}) and the agency's NOT_RELEVANT takes the pair off its own list. Then
 * nDCG@10 before and after, on:
 * <ul>
 *   <li>the OTHER problems that share a theme with a problem that got feedback (where learning acts;
 *       in these sets every agency has one problem, so "same agency" adds nothing to "same theme");</li>
 *   <li>the other problems that share no theme with one (must not move);</li>
 *   <li>the problems that got feedback (their own lists lose the pairs marked NOT_RELEVANT);</li>
 *   <li>the whole set with learning on and no feedback at all (must equal the baseline);</li>
 *   <li>the problems with feedback re-posted by their agencies (near-duplicates: description only).</li>
 * </ul>
 * Both directions are run: feedback on the odd-numbered problems, evaluated on the even-numbered
 * ones, and the other way round. Usage: {@code FeedbackExperiment <folder> [<folder>...]}.
 */
public final class FeedbackExperiment {

    private static final int K = 10;

    /** Mean nDCG@10 of a group of problems, before and after, with the group's size. */
    record Group(int n, double before, double after) {
        String show() {
            return n == 0 ? String.format(Locale.ROOT, "%-22s", "(none)")
                    : String.format(Locale.ROOT, "%.3f -> %.3f (n=%d)", before, after, n);
        }
    }

    /** An agency's verdict on one of its problem's top 5. */
    record Verdict(ProblemDoc problem, UUID profileId, boolean relevant) {
    }

    record Outcome(int relevant, int notRelevant, Group sameTheme, Group otherTheme, Group withFeedback,
                   double noFeedbackBefore, double noFeedbackAfter, Group reposted) {
    }

    public static void main(String[] args) throws Exception {
        List<Fixtures> sets = new ArrayList<>();
        for (String a : args) {
            sets.add(Fixtures.load(Path.of(a)));
        }
        if (sets.isEmpty()) {
            System.err.println("usage: FeedbackExperiment <fixtures folder> [<folder>...]");
            System.exit(2);
        }
        TextEmbedder embedder = new MiniLmEmbedder();
        EmbeddingCache cache = EmbeddingCache.inMemory();
        List<FeedbackPrior> priors = new ArrayList<>();
        for (String p : System.getProperty("priors", "0.2/0.05/0.5,0.4/0.1/0.5,0.2/0.05/0.3").split(",")) {
            String[] w = p.split("/");
            priors.add(new FeedbackPrior(Double.parseDouble(w[0]), Double.parseDouble(w[1]), Double.parseDouble(w[2])));
        }
        System.out.println("nDCG@10 before -> after agencies' verdicts on the top 5 of half of the problems "
                + "(RELEVANT: grade >= 2, NOT_RELEVANT: grade 0)");
        for (Fixtures f : sets) {
            for (FeedbackPrior prior : priors) {
                for (int half = 0; half < 2; half++) {
                    Outcome o = run(f, prior, half, embedder, cache);
                    System.out.printf(Locale.ROOT, "%-18s %-32s feedback on %-4s verdicts %2d+/%2d- | other problems, "
                                    + "same theme: %s | other problems, no shared theme: %s | the problems with "
                                    + "feedback: %s | no feedback at all: %.3f -> %.3f | re-posted by the same "
                                    + "agencies: %s%n",
                            f.name(), describe(prior), half == 0 ? "odd" : "even", o.relevant(), o.notRelevant(),
                            o.sameTheme().show(), o.otherTheme().show(), o.withFeedback().show(), o.noFeedbackBefore(),
                            o.noFeedbackAfter(), o.reposted().show());
                }
            }
        }
    }

    static String describe(FeedbackPrior p) {
        return String.format(Locale.ROOT, "(weight %.2f bound %.2f near %.1f)", p.weight(), p.bound(), p.threshold());
    }

    /** @param half 0: feedback on the 1st, 3rd, ... problem; 1: on the 2nd, 4th, ... */
    static Outcome run(Fixtures f, FeedbackPrior prior, int half, TextEmbedder embedder, EmbeddingCache cache) {
        MatchEngine engine = load(f, embedder, cache);
        Map<UUID, Double> before = ndcgAll(f, engine);
        engine.feedbackPrior(prior);
        double noFeedbackAfter = mean(ndcgAll(f, engine).values());

        List<ProblemDoc> withFeedback = new ArrayList<>();
        Set<String> feedbackThemes = new HashSet<>();
        int relevant = 0;
        int notRelevant = 0;
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = half; i < f.problems().size(); i += 2) {
            ProblemDoc p = f.problems().get(i);
            withFeedback.add(p);
            feedbackThemes.addAll(p.themes());
            Map<UUID, Integer> grades = f.grades().getOrDefault(p.id(), Map.of());
            for (Match m : engine.rank(p.id(), 5)) {
                int g = grades.getOrDefault(m.profileId(), 0);
                if (g >= 2 || g == 0) {
                    verdicts.add(new Verdict(p, m.profileId(), g >= 2));
                    if (g >= 2) {
                        relevant++;
                    } else {
                        notRelevant++;
                    }
                }
            }
        }
        teach(engine, f, verdicts, true);
        Map<UUID, Double> after = ndcgAll(f, engine);

        Set<UUID> fed = new HashSet<>();
        withFeedback.forEach(p -> fed.add(p.id()));
        List<UUID> same = new ArrayList<>();
        List<UUID> other = new ArrayList<>();
        for (ProblemDoc p : f.problems()) {
            if (fed.contains(p.id())) {
                continue;
            }
            (p.themes().stream().anyMatch(feedbackThemes::contains) ? same : other).add(p.id());
        }
        return new Outcome(relevant, notRelevant, group(same, before, after), group(other, before, after),
                group(new ArrayList<>(fed), before, after), mean(before.values()), noFeedbackAfter,
                reposted(f, prior, withFeedback, verdicts, embedder, cache));
    }

    /**
     * The same agencies post a similar problem again: each problem that got feedback, re-posted as
     * its description alone (no title), graded with its labels. A separate engine (the copies change
     * the other problems' hubness references); the verdicts are the same. Near-duplicates: the most
     * a verdict can teach, not a typical case.
     */
    private static Group reposted(Fixtures f, FeedbackPrior prior, List<ProblemDoc> withFeedback,
                                  List<Verdict> verdicts, TextEmbedder embedder, EmbeddingCache cache) {
        MatchEngine engine = load(f, embedder, cache);
        Map<UUID, UUID> copyOf = new HashMap<>();
        for (ProblemDoc p : withFeedback) {
            ProblemDoc copy = new ProblemDoc(UUID.nameUUIDFromBytes(("repost:" + p.id()).getBytes()), "",
                    p.description(), p.themes(), p.horizon(), true);
            engine.upsertProblem(copy);
            copyOf.put(copy.id(), p.id());
        }
        Map<UUID, Double> before = ndcgOf(f, engine, copyOf);
        engine.feedbackPrior(prior);
        teach(engine, f, verdicts, false);
        return group(new ArrayList<>(copyOf.keySet()), before, ndcgOf(f, engine, copyOf));
    }

    /** What the service does with each verdict: learn from it, and (if asked) keep NOT_RELEVANT off its list. */
    private static void teach(MatchEngine engine, Fixtures f, List<Verdict> verdicts, boolean exclude) {
        Map<UUID, ProfileDoc> profiles = new HashMap<>();
        f.profiles().forEach(s -> profiles.put(s.id(), s));
        for (Verdict v : verdicts) {
            ProblemDoc p = v.problem();
            engine.learn(engine.lesson(p.id(), v.profileId(), v.relevant(), p.themes(), engine.embedding(p),
                    engine.embedding(profiles.get(v.profileId()))));
            if (exclude && !v.relevant()) {
                engine.exclude(p.id(), v.profileId());
            }
        }
    }

        private static Map<UUID, Double> ndcgOf(Fixtures f, MatchEngine engine, Map<UUID, UUID> copyOf) {
        Map<UUID, Double> out = new HashMap<>();
        copyOf.forEach((copy, original) -> out.put(copy, Metrics.ndcg(engine.rank(copy, K).stream()
                .map(Match::profileId).toList(), f.grades().getOrDefault(original, Map.of()), K)));
        return out;
    }

    private static MatchEngine load(Fixtures f, TextEmbedder embedder, EmbeddingCache cache) {
        MatchEngine engine = new MatchEngine(MatchConfig.defaults(), embedder, cache);
        engine.feedbackPrior(FeedbackPrior.off());
        f.profiles().forEach(engine::upsertProfile);
        f.problems().forEach(engine::upsertProblem);
        return engine;
    }

    private static Map<UUID, Double> ndcgAll(Fixtures f, MatchEngine engine) {
        Map<UUID, Double> out = new HashMap<>();
        for (ProblemDoc p : f.problems()) {
            out.put(p.id(), Metrics.ndcg(engine.rank(p.id(), K).stream().map(Match::profileId).toList(),
                    f.grades().getOrDefault(p.id(), Map.of()), K));
        }
        return out;
    }

    private static Group group(List<UUID> ids, Map<UUID, Double> before, Map<UUID, Double> after) {
        return new Group(ids.size(), mean(ids.stream().map(before::get).toList()),
                mean(ids.stream().map(after::get).toList()));
    }

    private static double mean(java.util.Collection<Double> values) {
        return values.isEmpty() ? 0 : values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
