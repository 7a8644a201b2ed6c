package io.innoleap.matcher.service;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.Horizon;
import io.innoleap.matcher.matching.Docs;
import io.innoleap.matcher.matching.MatchingService;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.VectorCodec;
import io.innoleap.testkit.ServiceTestProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Not a test: measures the start-up rebuild with N stored profiles. -Dmatcher.measure.rebuild=100000 */
@EnabledIfSystemProperty(named = "matcher.measure.rebuild", matches = "\\d+")
class RebuildScaleMeasurement {

    @Test
    void measure() throws Exception {
        int n = Integer.parseInt(System.getProperty("matcher.measure.rebuild"));
        Map<String, Object> props = new java.util.HashMap<>(ServiceTestProperties.forService("matcher-rebuild").build());
        Random rnd = new Random(42);
        List<String> vocab = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            vocab.add("w" + Integer.toString(i * 7919 % 100000, 36) + "x");
        }
        String[] themes = {"application-development", "sustainability", "smart-cities", "artificial-intelligence",
                "generative-ai", "data-analytics", "cybersecurity", "digital-identity", "cloud", "healthcare",
                "transport", "public-safety", "education", "finance", "manufacturing", "environment", "workforce-skills"};
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            JsonMapper json = ctx.getBean(JsonMapper.class);
            MatchEngine engine = ctx.getBean(MatchEngine.class);
            DataSource ds = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
            long t0 = System.nanoTime();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                PreparedStatement snap = c.prepareStatement("INSERT INTO solution_profile (id, version, status, snapshot, received_at, embedding_key, vector) VALUES (?,?,?,?,?,?,?)");
                PreparedStatement emb = c.prepareStatement("INSERT INTO embedding VALUES (?,?,?)");
                for (int i = 0; i < n; i++) {
                    SolutionProfileSnapshot s = Dataset.profile("P" + i, words(rnd, vocab, 60), List.of(words(rnd, vocab, 2)),
                            1 + rnd.nextInt(9), pick(rnd, themes, 1 + rnd.nextInt(3)));
                    snap.setString(1, s.id().toString());
                    snap.setLong(2, 0);
                    snap.setString(3, "ACTIVE");
                    snap.setString(4, json.writeValueAsString(s));
                    snap.setTimestamp(5, Timestamp.from(Instant.now()));
                    snap.setString(6, engine.embeddingKey(Docs.profile(s)));
                    byte[] vector = VectorCodec.encode(unit(rnd));
                    snap.setBytes(7, vector);
                    snap.addBatch();
                    emb.setString(1, engine.embeddingKey(Docs.profile(s)));
                    emb.setBytes(2, vector);
                    emb.setTimestamp(3, Timestamp.from(Instant.now()));
                    emb.addBatch();
                    if (i % 1000 == 999) {
                        snap.executeBatch();
                        emb.executeBatch();
                        c.commit();
                    }
                }
                PreparedStatement psnap = c.prepareStatement("INSERT INTO problem_statement (id, version, status, snapshot, received_at, embedding_key, vector) VALUES (?,?,?,?,?,?,?)");
                for (int i = 0; i < 500; i++) {
                    ProblemStatementSnapshot p = Dataset.problem("Problem " + i, words(rnd, vocab, 80),
                            Horizon.LONG_TERM, pick(rnd, themes, 1 + rnd.nextInt(2)));
                    psnap.setString(1, p.id().toString());
                    psnap.setLong(2, 0);
                    psnap.setString(3, "OPEN");
                    psnap.setString(4, json.writeValueAsString(p));
                    psnap.setTimestamp(5, Timestamp.from(Instant.now()));
                    psnap.setString(6, engine.embeddingKey(Docs.problem(p)));
                    byte[] vector = VectorCodec.encode(unit(rnd));
                    psnap.setBytes(7, vector);
                    psnap.addBatch();
                    emb.setString(1, engine.embeddingKey(Docs.problem(p)));
                    emb.setBytes(2, vector);
                    emb.setTimestamp(3, Timestamp.from(Instant.now()));
                    emb.addBatch();
                }
                snap.executeBatch();
                psnap.executeBatch();
                emb.executeBatch();
                c.commit();
            }
            System.out.printf("inserted %d profiles + 500 problems in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
        }
        for (int run = 0; run < 2; run++) {
            long t0 = System.nanoTime();
            try (ApplicationContext ctx = ApplicationContext.run(props)) {
                MatchingService.RebuildStats s = ctx.getBean(MatchingService.class).rebuildStats();
                System.out.printf("REBUILD run %d: %d cache lookups, %d problems, %d profiles, %d embedded, rebuild %d ms, context start %d ms, heap used %d MB%n",
                        run, s.cacheLookups(), s.problems(), s.profiles(), s.embedded(), s.millis(), (System.nanoTime() - t0) / 1_000_000,
                        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
                if (run == 1) {
                    engineOnly(ctx);
                }
            }
        }
    }

    /** Side by side: the same rebuild from docs and vectors already in memory (the engine's share). */
    private static void engineOnly(ApplicationContext ctx) throws Exception {
        JsonMapper json = ctx.getBean(JsonMapper.class);
        MatchEngine live = ctx.getBean(MatchEngine.class);
        var cache = ctx.getBean(io.innoleap.matcher.store.DatabaseEmbeddingCache.class);
        DataSource ds = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
        List<io.innoleap.matcher.ranking.ProfileDoc> profiles = new ArrayList<>();
        List<io.innoleap.matcher.ranking.ProblemDoc> problems = new ArrayList<>();
        long r0 = System.nanoTime();
        List<String> raw = new ArrayList<>();
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            var rs = st.executeQuery("SELECT snapshot FROM solution_profile");
            while (rs.next()) {
                raw.add(rs.getString(1));
            }
            long r1 = System.nanoTime();
            for (String text : raw) {
                profiles.add(Docs.profile(json.readValue(text, SolutionProfileSnapshot.class)));
            }
            long r2 = System.nanoTime();
            long bytes = 0;
            var vs = st.executeQuery("SELECT vector FROM embedding");
            while (vs.next()) {
                bytes += vs.getBytes(1).length;
            }
            long r3 = System.nanoTime();
            System.out.printf("RAW JDBC: 100k snapshots read %d ms, parsed %d ms; all vectors read %d ms (%d MB)%n",
                    (r1 - r0) / 1_000_000, (r2 - r1) / 1_000_000, (r3 - r2) / 1_000_000, bytes >> 20);
            rs = st.executeQuery("SELECT snapshot FROM problem_statement");
            while (rs.next()) {
                problems.add(Docs.problem(json.readValue(rs.getString(1), ProblemStatementSnapshot.class)));
            }
        }
        var pageRows = ctx.getBean(io.innoleap.matcher.store.Repositories.SolutionProfileRows.class);
        long j0 = System.nanoTime();
        String after = "";
        long withVector = 0;
        List<io.innoleap.matcher.store.StoredSnapshot.WithVector> page;
        do {
            page = pageRows.findPage("ACTIVE", after, 1000);
            withVector += page.stream().filter(r -> r.vector() != null).count();
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).id();
            }
        } while (page.size() == 1000);
        System.out.printf("JOINED PAGES: %d ms, %d rows with a vector%n", (System.nanoTime() - j0) / 1_000_000, withVector);
        long k0 = System.nanoTime();
        Map<String, float[]> vectors = new java.util.HashMap<>();
        for (int i = 0; i < profiles.size(); i += 1000) {
            vectors.putAll(cache.getAll(profiles.subList(i, Math.min(profiles.size(), i + 1000)).stream()
                    .map(live::embeddingKey).toList()));
        }
        vectors.putAll(cache.getAll(problems.stream().map(live::embeddingKey).toList()));
        System.out.printf("KEYED LOOKUP: vectors by key in pages of 1000: %d ms%n", (System.nanoTime() - k0) / 1_000_000);
        long t0 = System.nanoTime();
        MatchEngine engine = new MatchEngine(live.config(), ctx.getBean(io.innoleap.matcher.matching.SharedEmbedder.class),
                io.innoleap.matcher.ranking.EmbeddingCache.none());
        profiles.forEach(p -> engine.upsertProfile(p, vectors.get(live.embeddingKey(p))));
        long t1 = System.nanoTime();
        problems.forEach(p -> engine.upsertProblem(p, vectors.get(live.embeddingKey(p))));
        long t2 = System.nanoTime();
        System.out.printf("ENGINE ONLY (same data, in memory): profiles %d ms, problems %d ms, total %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000);
    }

    private static float[] unit(Random rnd) {
        float[] v = new float[384];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static String words(Random rnd, List<String> vocab, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(vocab.get(rnd.nextInt(vocab.size()))).append(' ');
        }
        return sb.toString().trim();
    }

    private static String[] pick(Random rnd, String[] from, int count) {
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            String t = from[rnd.nextInt(from.length)];
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out.toArray(String[]::new);
    }
}
