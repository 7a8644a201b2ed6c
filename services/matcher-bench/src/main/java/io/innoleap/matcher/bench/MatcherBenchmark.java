package io.innoleap.matcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.innoleap.matcher.ranking.EmbeddingCache;
import io.innoleap.matcher.ranking.Horizon;
import io.innoleap.matcher.ranking.MatchConfig;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.MiniLmEmbedder;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.matcher.ranking.TextEmbedder;
import io.innoleap.matcher.ranking.Vectors;

/**
 * Prints how long the engine takes to rank a new problem against 10k and 100k stored profiles,
 * to rebuild its state from cached embeddings, and to embed one text with the real model.
 *
 * <p>Profiles are synthetic and deterministic (seeded): text drawn from a Zipf-distributed
 * vocabulary, 1 to 3 of the 17 catalogue themes, and an embedding near its themes' centroids, so
 * theme gating and hubness behave as with real data. Usage:
 * {@code MatcherBenchmark [--sizes 10000,100000] [--queries 200] [--problems 500] [--no-model]}.
 */
public final class MatcherBenchmark {

    private static final String[] THEMES = {"application-development", "sustainability", "smart-cities",
        "artificial-intelligence", "generative-ai", "data-analytics", "cybersecurity", "digital-identity", "cloud",
        "healthcare", "transport", "public-safety", "education", "finance", "manufacturing", "environment",
        "workforce-skills"};
    private static final int DIM = 384;
    private static final int WARMUP = 50;
    /** Thread CPU time is not inflated by other processes on a shared machine, unlike wall time. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Random random;
    private final String[] vocabulary;
    private final double[] zipf;
    private final float[][] themeCentroids;

    private MatcherBenchmark(long seed) {
        random = new Random(seed);
        vocabulary = vocabulary(random, 5000);
        zipf = new double[vocabulary.length];
        double sum = 0;
        for (int i = 0; i < zipf.length; i++) {
            sum += 1.0 / (i + 1);
            zipf[i] = sum;
        }
        for (int i = 0; i < zipf.length; i++) {
            zipf[i] /= sum;
        }
        themeCentroids = new float[THEMES.length][];
        for (int t = 0; t < THEMES.length; t++) {
            themeCentroids[t] = randomUnit();
        }
    }

    public static void main(String[] args) {
        int[] sizes = {10_000, 100_000};
        int queries = 200;
        int problems = 500;
        boolean model = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--problems" -> problems = Integer.parseInt(args[++i]);
                case "--no-model" -> model = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "JVM %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        MatcherBenchmark bench = new MatcherBenchmark(42);
        if (model) {
            bench.embeddingCost();
        }
        for (int size : sizes) {
            bench.run(size, problems, queries);
        }
    }

    /** One-off cost of the new problem's text, which ranking figures below exclude. */
    private void embeddingCost() {
        long t0 = System.nanoTime();
        TextEmbedder embedder = new MiniLmEmbedder();
        embedder.embed("warm up");
        double load = ms(System.nanoTime() - t0);
        double[] times = new double[30];
        double[] cpus = new double[30];
        for (int i = 0; i < times.length; i++) {
            String text = sentence(120);
            long s = System.nanoTime();
            long c = cpu();
            embedder.embed(text);
            times[i] = ms(System.nanoTime() - s);
            cpus[i] = ms(cpu() - c);
        }
        System.out.printf(Locale.ROOT, "embedding (%s): load + first text %.0f ms; one 120-word text median %.1f ms"
                + " wall (p90 %.1f), %.1f ms CPU of the calling thread (onnxruntime may use more threads)%n",
                embedder.modelId(), load, percentile(times, 50), percentile(times, 90), percentile(cpus, 50));
    }

    private void run(int size, int problemCount, int queries) {
        System.gc();
        long heapBefore = usedHeap();
        // Generate first so the rebuild timing covers only the engine (as when reading from a DB).
        List<ProfileDoc> profiles = new ArrayList<>(size);
        List<float[]> vectors = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Set<String> themes = themes();
            profiles.add(new ProfileDoc(new UUID(1, i), sentence(2), sentence(60),
                    List.of(sentence(2), sentence(1), sentence(2)), themes, 1 + random.nextInt(9), true));
            vectors.add(near(themes));
        }
        List<ProblemDoc> pool = new ArrayList<>();
        List<float[]> poolVectors = new ArrayList<>();
        for (int i = 0; i < problemCount; i++) {
            Set<String> themes = themes();
            pool.add(problem(new UUID(2, i), themes));
            poolVectors.add(near(themes));
        }

        MatchEngine engine = new MatchEngine(MatchConfig.defaults(), unusedModel(), EmbeddingCache.none());
        long t0 = System.nanoTime();
        long c0 = cpu();
        for (int i = 0; i < size; i++) {
            engine.upsertProfile(profiles.get(i), vectors.get(i));
        }
        long t1 = System.nanoTime();
        long c1 = cpu();
        for (int i = 0; i < problemCount; i++) {
            engine.upsertProblem(pool.get(i), poolVectors.get(i));
        }
        long t2 = System.nanoTime();
        long c2 = cpu();
        profiles = null;
        vectors = null;
        System.gc();
        long engineHeap = usedHeap() - heapBefore;

        // New problems: upsert (neighbourhood update) then rank top 10; removed again to keep the pool fixed.
        int total = WARMUP + queries;
        double[][] wall = new double[4][queries];
        double[][] cpu = new double[4][queries];
        long candidates = 0;
        for (int q = 0; q < total; q++) {
            Set<String> themes = themes();
            ProblemDoc p = problem(new UUID(3, q), themes);
            float[] v = near(themes);
            long[] w = new long[5];
            long[] c = new long[5];
            w[0] = System.nanoTime();
            c[0] = cpu();
            engine.upsertProblem(p, v);
            w[1] = System.nanoTime();
            c[1] = cpu();
            int found = engine.rank(p.id(), 10).size();
            w[2] = System.nanoTime();
            c[2] = cpu();
            engine.removeProblem(p.id());
            w[3] = System.nanoTime();
            c[3] = cpu();
            engine.scoreAgainstProblems(new UUID(1, q % size));
            w[4] = System.nanoTime();
            c[4] = cpu();
            if (q >= WARMUP) {
                for (int op = 0; op < 4; op++) {
                    wall[op][q - WARMUP] = ms(w[op + 1] - w[op]);
                    cpu[op][q - WARMUP] = ms(c[op + 1] - c[op]);
                }
                candidates += found;
            }
        }
        System.out.printf(Locale.ROOT, "%n%,d profiles, %d open problems (%d timed queries after %d warm-up)%n",
                size, problemCount, queries, WARMUP);
        System.out.printf(Locale.ROOT, "  rebuild from cached vectors + text: %.2f s wall, %.2f s CPU "
                + "(profiles %.2f s, problems %.2f s wall)%n", (t2 - t0) / 1e9, (c2 - c0) / 1e9,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        System.out.printf(Locale.ROOT, "  engine heap after rebuild: ~%d MB%n", engineHeap >> 20);
        System.out.printf(Locale.ROOT, "  %-36s %-30s %s%n", "", "wall: median / p99", "thread CPU: median / p99");
        row("rank(problem, 10)", wall[1], cpu[1]);
        row("upsertProblem (neighbourhoods)", wall[0], cpu[0]);
        row("removeProblem (neighbourhoods)", wall[2], cpu[2]);
        row("scoreAgainstProblems(profile)", wall[3], cpu[3]);
        System.out.printf(Locale.ROOT, "  (mean matches returned %.1f)%n", candidates / (double) queries);
    }

    private static void row(String name, double[] wall, double[] cpu) {
        System.out.printf(Locale.ROOT, "  %-36s %8.3f / %8.3f ms          %8.3f / %8.3f ms%n", name,
                percentile(wall, 50), percentile(wall, 99), percentile(cpu, 50), percentile(cpu, 99));
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }


    private ProblemDoc problem(UUID id, Set<String> themes) {
        return new ProblemDoc(id, sentence(8), sentence(120), themes,
                random.nextBoolean() ? Horizon.IMMEDIATE_OPERATIONAL : Horizon.LONG_TERM, true);
    }

    private Set<String> themes() {
        int n = 1 + random.nextInt(3);
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            out.add(THEMES[random.nextInt(THEMES.length)]);
        }
        return out;
    }

    /** A unit vector near the mean of its themes' centroids, with profile-specific noise. */
    private float[] near(Set<String> themes) {
        float[] v = randomUnit();
        for (String t : themes) {
            float[] c = themeCentroids[Arrays.asList(THEMES).indexOf(t)];
            for (int i = 0; i < DIM; i++) {
                v[i] += 1.5f * c[i] / themes.size();
            }
        }
        return Vectors.normalize(v);
    }

    private float[] randomUnit() {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalize(v);
    }

    private String sentence(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            int idx = Arrays.binarySearch(zipf, random.nextDouble());
            sb.append(i == 0 ? "" : " ").append(vocabulary[Math.min(vocabulary.length - 1, idx < 0 ? -idx - 1 : idx)]);
        }
        return sb.toString();
    }

    private static String[] vocabulary(Random random, int n) {
        String consonants = "bcdfghklmnprstvz";
        String vowels = "aeiou";
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < n) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                w.append(consonants.charAt(random.nextInt(consonants.length())))
                        .append(vowels.charAt(random.nextInt(vowels.length())));
            }
            words.add(w.toString());
        }
        return words.toArray(String[]::new);
    }

    /** The rebuild path never embeds: vectors come with the profiles. */
    private static TextEmbedder unusedModel() {
        return new TextEmbedder() {
            @Override
            public String modelId() {
                return MiniLmEmbedder.MODEL_ID;
            }

            @Override
            public float[] embed(String text) {
                throw new IllegalStateException("benchmark supplies every vector");
            }
        };
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
