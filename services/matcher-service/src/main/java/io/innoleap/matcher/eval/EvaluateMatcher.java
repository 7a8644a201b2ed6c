package io.innoleap.matcher.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.innoleap.matcher.ranking.EmbeddingCache;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchConfig;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.MiniLmEmbedder;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.matcher.ranking.TextEmbedder;

/**
 * Runs the real engine over labelled fixture folders and prints nDCG@10 and P@5 per set, for the
 * default configuration and for an ablation (each signal alone, then each component added).
 *
 * <p>Usage: {@code EvaluateMatcher <folder> [<folder>...]}, each folder holding problems.json,
 * solutions.json and labels.json. Add {@code --per-problem} to print each problem's top 5.
 */
public final class EvaluateMatcher {

    private static final int K = 10;

    /** One metric pair for one set. */
    public record Scores(double ndcg10, double precision5) {
    }

    public static void main(String[] args) throws Exception {
        boolean perProblem = false;
        List<Fixtures> sets = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--per-problem")) {
                perProblem = true;
            } else {
                sets.add(Fixtures.load(Path.of(a)));
            }
        }
        if (sets.isEmpty()) {
            System.err.println("usage: EvaluateMatcher [--per-problem] <fixtures folder> [<folder>...]");
            System.exit(2);
        }
        // One model and one cache for all configurations: each text is embedded once.
        TextEmbedder embedder = new MiniLmEmbedder();
        EmbeddingCache cache = EmbeddingCache.inMemory();

        Map<String, MatchConfig> configs = ablation();
        System.out.println("nDCG@10 (gain 2^grade-1, log2(rank+1) discount) / P@5 (grade >= 2), mean over problems");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-52s", "configuration"));
        for (Fixtures f : sets) {
            header.append(String.format(Locale.ROOT, " | %-22s", f.name()));
        }
        System.out.println(header);
        for (Map.Entry<String, MatchConfig> c : configs.entrySet()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-52s", c.getKey()));
            for (Fixtures f : sets) {
                Scores s = evaluate(f, c.getValue(), embedder, cache, perProblem && c.getKey().startsWith("DEFAULT"));
                row.append(String.format(Locale.ROOT, " | nDCG %.3f  P@5 %.3f", s.ndcg10(), s.precision5()));
            }
            System.out.println(row);
        }
    }

    /** Configurations in the order they are discussed in the README. */
    static Map<String, MatchConfig> ablation() {
        MatchConfig d = MatchConfig.defaults();
        MatchConfig off = d.withHubnessWeight(0).withLexicalWeight(0).withThemeWeight(0).withReadinessPenalty(0)
                .withMinScore(0);
        Map<String, MatchConfig> m = new LinkedHashMap<>();
        m.put("theme overlap only (ties by id)", off.withThemeWeight(1));
        m.put("BM25 only (Lucene, theme-gated)", off.withLexicalWeight(1));
        m.put("embedding cosine only (MiniLM-q)", off);
        m.put("naive hybrid 0.3 BM25 + 0.7 cosine", off.withLexicalWeight(0.3));
        m.put("cosine + readiness prior", off.withReadinessPenalty(d.readinessPenalty()));
        m.put("cosine + hubness (CSLS)", off.withHubnessWeight(d.hubnessWeight()));
        m.put("cosine + hubness + readiness", off.withHubnessWeight(d.hubnessWeight())
                .withReadinessPenalty(d.readinessPenalty()));
        m.put("  default + BM25 weight 0.05", d.withLexicalWeight(0.05));
        m.put("  default + BM25 weight 0.1", d.withLexicalWeight(0.1));
        m.put("  default + theme share weight 0.1", d.withThemeWeight(0.1));
        m.put("  default with hubness 0.3", d.withHubnessWeight(0.3));
        m.put("  default with hubness 0.7", d.withHubnessWeight(0.7));
        m.put("DEFAULT " + describe(d), d);
        return m;
    }

    static String describe(MatchConfig c) {
        return String.format(Locale.ROOT, "(h=%.2f l=%.2f t=%.2f r=%.2f min=%.2f)", c.hubnessWeight(),
                c.lexicalWeight(), c.themeWeight(), c.readinessPenalty(), c.minScore());
    }

    public static Scores evaluate(Fixtures f, MatchConfig config, TextEmbedder embedder, EmbeddingCache cache,
                                  boolean print) {
        MatchEngine engine = new MatchEngine(config, embedder, cache);
        for (ProfileDoc p : f.profiles()) {
            engine.upsertProfile(p);
        }
        for (ProblemDoc p : f.problems()) {
            engine.upsertProblem(p);
        }
        double ndcg = 0;
        double p5 = 0;
        for (ProblemDoc p : f.problems()) {
            Map<UUID, Integer> grades = f.grades().getOrDefault(p.id(), Map.of());
            List<Match> ranked = engine.rank(p.id(), K);
            ndcg += Metrics.ndcg(ranked.stream().map(Match::profileId).toList(), grades, K);
            p5 += Metrics.precision(ranked.stream().map(Match::profileId).toList(), grades, 5, 2);
            if (print) {
                StringBuilder sb = new StringBuilder("  " + f.keys().get(p.id()) + " " + p.horizon() + ":");
                for (Match m : ranked.subList(0, Math.min(5, ranked.size()))) {
                    sb.append(String.format(Locale.ROOT, " %s(g%d %.2f %s)", f.keys().get(m.profileId()),
                            grades.getOrDefault(m.profileId(), 0), m.score(), m.matchedTerms()));
                }
                System.out.println(sb);
            }
        }
        int n = f.problems().size();
        return new Scores(ndcg / n, p5 / n);
    }
}
