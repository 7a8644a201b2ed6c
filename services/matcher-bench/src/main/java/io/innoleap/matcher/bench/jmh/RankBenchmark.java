package io.innoleap.matcher.bench.jmh;

import io.innoleap.matcher.ranking.EmbeddingCache;
import io.innoleap.matcher.ranking.Horizon;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchConfig;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.MiniLmEmbedder;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.matcher.ranking.TextEmbedder;
import io.innoleap.matcher.ranking.Vectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * JMH micro-benchmarks of the engine's hot paths, on synthetic vectors near their themes' centroids
 * (no model): ranking one problem's top 10, scoring one profile against every open problem, and
 * adding then removing a problem (neighbourhood upkeep). Run:
 * {@code java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main RankBenchmark -p profiles=10000,100000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class RankBenchmark {

    private static final String[] THEMES = {"application-development", "sustainability", "smart-cities",
        "artificial-intelligence", "generative-ai", "data-analytics", "cybersecurity", "digital-identity", "cloud",
        "healthcare", "transport", "public-safety", "education", "finance", "manufacturing", "environment",
        "workforce-skills"};

    @Param({"10000"})
    public int profiles;

    @Param({"3000"})
    public int problems;

    private MatchEngine engine;
    private final List<UUID> problemIds = new ArrayList<>();
    private final List<UUID> profileIds = new ArrayList<>();
    private ProblemDoc extra;
    private float[] extraVector;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        Random random = new Random(42);
        float[][] centroids = new float[THEMES.length][];
        for (int t = 0; t < THEMES.length; t++) {
            centroids[t] = gaussian(random);
        }
        TextEmbedder none = new TextEmbedder() {
            @Override
            public String modelId() {
                return MiniLmEmbedder.MODEL_ID;
            }

            @Override
            public float[] embed(String text) {
                throw new IllegalStateException("every vector is given");
            }
        };
        engine = new MatchEngine(MatchConfig.defaults(), none, EmbeddingCache.none());
        for (int i = 0; i < profiles; i++) {
            Set<String> themes = themes(random);
            UUID id = new UUID(1, i);
            profileIds.add(id);
            engine.upsertProfile(new ProfileDoc(id, "Tool " + i, "A tool for " + String.join(" and ", themes),
                    List.of("tool"), themes, 1 + random.nextInt(9), true), near(random, centroids, themes));
        }
        for (int i = 0; i < problems; i++) {
            Set<String> themes = themes(random);
            UUID id = new UUID(2, i);
            problemIds.add(id);
            engine.upsertProblem(new ProblemDoc(id, "Problem " + i, "We need help with " + String.join(" and ", themes),
                    themes, Horizon.LONG_TERM, true), near(random, centroids, themes));
        }
        Set<String> themes = themes(random);
        extra = new ProblemDoc(new UUID(3, 0), "New problem", "We need help with " + String.join(" and ", themes),
                themes, Horizon.IMMEDIATE_OPERATIONAL, true);
        extraVector = near(random, centroids, themes);
    }

    @Benchmark
    public List<Match> rankTop10() {
        return engine.rank(problemIds.get(next++ % problemIds.size()), 10);
    }

    @Benchmark
    public Object scoresOfOneProfile() {
        return engine.scoresFor(profileIds.get(next++ % profileIds.size()));
    }

    @Benchmark
    public Object addAndRemoveAProblem() {
        Set<UUID> joined = engine.upsertProblem(extra, extraVector);
        engine.removeProblem(extra.id());
        return joined;
    }

    private static Set<String> themes(Random random) {
        int n = 1 + random.nextInt(3);
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            out.add(THEMES[random.nextInt(THEMES.length)]);
        }
        return out;
    }

    private static float[] near(Random random, float[][] centroids, Set<String> themes) {
        float[] v = gaussian(random);
        for (String t : themes) {
            float[] c = centroids[java.util.Arrays.asList(THEMES).indexOf(t)];
            for (int i = 0; i < v.length; i++) {
                v[i] += 1.5f * c[i] / themes.size();
            }
        }
        return Vectors.normalize(v);
    }

    private static float[] gaussian(Random random) {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalize(v);
    }
}
