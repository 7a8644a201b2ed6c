package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.matcher.store.DatabaseEmbeddingCache;
import io.innoleap.matcher.store.MatchRow;
import io.innoleap.matcher.store.MatcherStateRow;
import io.innoleap.matcher.store.Repositories.MatchRows;
import io.innoleap.matcher.store.Repositories.MatcherStateRows;
import io.innoleap.matcher.store.Repositories.ProblemStatementRows;
import io.innoleap.matcher.store.Repositories.SolutionProfileRows;
import io.innoleap.matcher.ranking.VectorCodec;
import io.innoleap.matcher.store.StoredSnapshot;
import io.innoleap.matcher.store.StoredSnapshot.ProblemStatementRow;
import io.innoleap.matcher.store.StoredSnapshot.SolutionProfileRow;
import io.micronaut.context.annotation.Context;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Keeps matches live: applies each newer snapshot to the ranking engine, re-ranks the problems it
 * touches, and writes the changed pairs with their events in one transaction.
 *
 * <ul>
 *   <li>Start: the engine is rebuilt from the stored snapshots and cached embeddings (nothing is
 *       re-embedded) before any record is consumed: this bean is eager and the listeners need it.</li>
 *   <li>Embedding, the slow part, runs before the writer lock and outside any transaction.</li>
 *   <li>One writer at a time: the engine and the stored top-K lists move together. The service is
 *       therefore meant to run as one instance (its engine must see every profile).</li>
 *   <li>If the transaction fails, the engine is put back to the stored state of that id, so a
 *       record that ends on the DLQ leaves no trace in the engine.</li>
 * </ul>
 */
@Context
public class MatchingService {

    private static final Logger LOG = LoggerFactory.getLogger(MatchingService.class);
    private static final String OPEN = "OPEN";
    private static final String ACTIVE = "ACTIVE";
    private static final int PAGE = 1000;
    /** Above this many profiles whose hubness moved, re-rank every open problem instead of searching. */
    private static final int PRECISE_RECHECK_LIMIT = 64;

    private final MatchEngine engine;
    private final SharedEmbedder embedder;
    private final DatabaseEmbeddingCache cache;
    private final ProblemStatementRows problems;
    private final SolutionProfileRows profiles;
    private final MatchRows matches;
    private final MatchWriter writer;
    private final MatcherStateRows state;
    private final MatcherMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Open problems the engine holds; guarded by {@link #lock}. */
    private final Set<UUID> openProblems = new HashSet<>();
    private volatile RebuildStats rebuildStats;
    /** Rows whose vector was not stored with the snapshot during the rebuild (looked up by key). */
    private final AtomicInteger rebuildCacheLookups = new AtomicInteger();

    /** What the start-up rebuild did and how long it took; {@code reRanked} > 0 after a configuration change. */
    public record RebuildStats(int problems, int profiles, int embedded, int cacheLookups, long millis, int reRanked,
                               int changes) {
    }

    static final String RANKING_SETTINGS = "ranking-settings";

    public MatchingService(MatchEngine engine, SharedEmbedder embedder, DatabaseEmbeddingCache cache,
                           ProblemStatementRows problems, SolutionProfileRows profiles, MatchRows matches, MatchWriter writer,
                           MatcherStateRows state, MatcherMetrics metrics, JsonMapper json, Clock clock) {
        this.engine = engine;
        this.embedder = embedder;
        this.cache = cache;
        this.problems = problems;
        this.profiles = profiles;
        this.matches = matches;
        this.writer = writer;
        this.state = state;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ start-up

    @PostConstruct
    void rebuild() {
        // The first query opens the pool and runs the migrations: not part of the rebuild's cost.
        long stored = profiles.count() + problems.count();
        long t0 = System.nanoTime();
        int embedded = 0;
        int profileCount = 0;
        int problemCount = 0;
        // Reading and parsing the next page overlaps with the engine taking the current one: on two
        // cores the rebuild costs about the larger of the two instead of their sum.
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "matcher-rebuild-reader"));
        lock.lock();
        try {
            CompletableFuture<Page<ProfileDoc>> nextProfiles = CompletableFuture.supplyAsync(() -> profilePage(""), reader);
            Page<ProfileDoc> profilePage;
            do {
                profilePage = nextProfiles.join();
                if (profilePage.full()) {
                    String after = profilePage.lastId();
                    nextProfiles = CompletableFuture.supplyAsync(() -> profilePage(after), reader);
                }
                for (int i = 0; i < profilePage.docs().size(); i++) {
                    float[] v = profilePage.vectors().get(profilePage.keys().get(i));
                    if (v == null) {
                        embedded++;
                        engine.upsertProfile(profilePage.docs().get(i)); // embeds (and caches) what the cache lost
                    } else {
                        engine.upsertProfile(profilePage.docs().get(i), v);
                    }
                }
                profileCount += profilePage.docs().size();
            } while (profilePage.full());
            CompletableFuture<Page<ProblemDoc>> nextProblems = CompletableFuture.supplyAsync(() -> problemPage(""), reader);
            Page<ProblemDoc> problemPage;
            do {
                problemPage = nextProblems.join();
                if (problemPage.full()) {
                    String after = problemPage.lastId();
                    nextProblems = CompletableFuture.supplyAsync(() -> problemPage(after), reader);
                }
                for (int i = 0; i < problemPage.docs().size(); i++) {
                    ProblemDoc doc = problemPage.docs().get(i);
                    float[] v = problemPage.vectors().get(problemPage.keys().get(i));
                    if (v == null) {
                        embedded++;
                        v = engine.embedding(doc);
                    }
                    engine.upsertProblem(doc, v);
                    openProblems.add(doc.id());
                }
                problemCount += problemPage.docs().size();
            } while (problemPage.full());
        } finally {
            reader.shutdownNow();
        }
        long rebuilt = System.nanoTime();
        int[] reRanked;
        try {
            reRanked = reRankIfSettingsChanged();
        } finally {
            lock.unlock();
        }
        rebuildStats = new RebuildStats(problemCount, profileCount, embedded, rebuildCacheLookups.getAndSet(0),
                (rebuilt - t0) / 1_000_000, reRanked[0], reRanked[1]);
        metrics.rebuilt(rebuildStats.millis());
        LOG.info("Matching engine rebuilt from the database ({} snapshots stored): {} open problem statements, "
                + "{} active profiles, {} texts embedded (cache misses), {} ms", stored, problemCount, profileCount,
                embedded, rebuildStats.millis());
    }

    /**
     * The stored lists were computed with some ranking settings (top-K, minimum score, weights,
     * model). If those changed since, every list is recomputed now and only the differences are
     * published; if not, nothing is recomputed: a plain restart publishes nothing.
     *
     * @return problems re-ranked and match changes published
     */
    private int[] reRankIfSettingsChanged() {
        String current = engine.config() + " model=" + embedder.modelId();
        Optional<MatcherStateRow> previous = state.findById(RANKING_SETTINGS);
        if (previous.isPresent() && previous.get().value().equals(current)) {
            return new int[] {0, 0};
        }
        Set<UUID> toRank = new LinkedHashSet<>(openProblems);
        matches.findProblemsWithActiveMatches().forEach(id -> toRank.add(UUID.fromString(id)));
        Map<UUID, List<Match>> ranked = previous.isEmpty() && toRank.isEmpty() ? Map.of() : rankAll(toRank);
        MatcherStateRow row = new MatcherStateRow(RANKING_SETTINGS, current, now());
        List<MatchDiff.Change> changes = writer.commit(() -> {
            if (previous.isPresent()) {
                state.update(row);
            } else {
                state.save(row);
            }
        }, ranked, now());
        metrics.published(changes);
        if (previous.isPresent()) {
            LOG.info("Ranking settings changed ({} -> {}): {} problem statements re-ranked, {} match changes published",
                    previous.get().value(), current, ranked.size(), changes.size());
        }
        return new int[] {ranked.size(), changes.size()};
    }

    /** One page of stored documents with their cached vectors (null where the cache has none). */
    private record Page<D>(List<D> docs, List<String> keys, Map<String, float[]> vectors, String lastId) {
        boolean full() {
            return docs.size() == PAGE;
        }
    }

    private Page<ProfileDoc> profilePage(String after) {
        return page(profiles.findPage(ACTIVE, after, PAGE), after,
                text -> Docs.profile(read(text, SolutionProfileSnapshot.class)), engine::embeddingKey);
    }

    private Page<ProblemDoc> problemPage(String after) {
        return page(problems.findPage(OPEN, after, PAGE), after,
                text -> Docs.problem(read(text, ProblemStatementSnapshot.class)), engine::embeddingKey);
    }

    private <D> Page<D> page(List<StoredSnapshot.WithVector> rows, String after, Function<String, D> parse,
                             Function<D, String> keyOf) {
        List<D> docs = new ArrayList<>(rows.size());
        List<String> keys = new ArrayList<>(rows.size());
        Map<String, float[]> vectors = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (StoredSnapshot.WithVector row : rows) {
            D doc = parse.apply(row.snapshot());
            String key = keyOf.apply(doc);
            docs.add(doc);
            keys.add(key);
            // The stored key must still be the one the current model gives the text.
            if (row.vector() != null && key.equals(row.embeddingKey())) {
                vectors.put(key, VectorCodec.decode(row.vector()));
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            rebuildCacheLookups.addAndGet(missing.size());
            vectors.putAll(cache.getAll(missing));
        }
        return new Page<>(docs, keys, vectors, rows.isEmpty() ? after : rows.get(rows.size() - 1).id());
    }

    public RebuildStats rebuildStats() {
        return rebuildStats;
    }

    // ------------------------------------------------------------------ live updates

    /** Applies a problem statement snapshot; an older or equal version changes nothing. */
    public void apply(ProblemStatementSnapshot s) {
        long t0 = System.nanoTime();
        ProblemDoc doc = Docs.problem(s);
        if (isStale(problems.findById(s.id()).map(ProblemStatementRow::version), s.version())) {
            metrics.snapshot("problem-statement", false, 0);
            return;
        }
        float[] vector = doc.open() ? engine.embedding(doc) : null; // slow: before lock and transaction
        lock.lock();
        try {
            Optional<ProblemStatementRow> current = problems.findById(s.id());
            if (isStale(current.map(ProblemStatementRow::version), s.version())) {
                metrics.snapshot("problem-statement", false, 0);
                return;
            }
            Set<UUID> touched;
            if (doc.open()) {
                touched = engine.upsertProblem(doc, vector);
                openProblems.add(doc.id());
            } else {
                touched = engine.removeProblem(doc.id());
                openProblems.remove(doc.id());
            }
            Set<UUID> affected = new LinkedHashSet<>();
            affected.add(doc.id());
            affected.addAll(problemsToRecheck(touched));
            Map<UUID, List<Match>> ranked = rankAll(affected);
            ProblemStatementRow row = new ProblemStatementRow(s.id(), s.version(), s.status().name(), write(s),
                    engine.embeddingKey(doc), vector == null ? null : VectorCodec.encode(vector), now());
            try {
                List<MatchDiff.Change> changes = writer.commit(() -> {
                    if (current.isPresent()) {
                        problems.update(row);
                    } else {
                        problems.save(row);
                    }
                }, ranked, now());
                metrics.published(changes);
                metrics.snapshot("problem-statement", true, System.nanoTime() - t0);
                LOG.debug("Problem statement {} v{} ({}): {} problems re-ranked, {} match changes", s.id(),
                        s.version(), s.status(), ranked.size(), changes.size());
            } catch (RuntimeException e) {
                restoreProblem(s.id());
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Applies a solution profile snapshot; an older or equal version changes nothing. */
    public void apply(SolutionProfileSnapshot s) {
        long t0 = System.nanoTime();
        ProfileDoc doc = Docs.profile(s);
        if (isStale(profiles.findById(s.id()).map(SolutionProfileRow::version), s.version())) {
            metrics.snapshot("solution-profile", false, 0);
            return;
        }
        float[] vector = doc.active() ? engine.embedding(doc) : null;
        lock.lock();
        try {
            Optional<SolutionProfileRow> current = profiles.findById(s.id());
            if (isStale(current.map(SolutionProfileRow::version), s.version())) {
                metrics.snapshot("solution-profile", false, 0);
                return;
            }
            if (doc.active()) {
                engine.upsertProfile(doc, vector);
            } else {
                engine.removeProfile(doc.id());
            }
            Map<UUID, List<Match>> ranked = rankAll(problemsToRecheck(Set.of(doc.id())));
            SolutionProfileRow row = new SolutionProfileRow(s.id(), s.version(), s.status().name(), write(s),
                    engine.embeddingKey(doc), vector == null ? null : VectorCodec.encode(vector), now());
            try {
                List<MatchDiff.Change> changes = writer.commit(() -> {
                    if (current.isPresent()) {
                        profiles.update(row);
                    } else {
                        profiles.save(row);
                    }
                }, ranked, now());
                metrics.published(changes);
                metrics.snapshot("solution-profile", true, System.nanoTime() - t0);
                LOG.debug("Solution profile {} v{} ({}): {} problems re-ranked, {} match changes", s.id(),
                        s.version(), s.status(), ranked.size(), changes.size());
            } catch (RuntimeException e) {
                restoreProfile(s.id());
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean isStale(Optional<Long> storedVersion, long incoming) {
        return storedVersion.isPresent() && storedVersion.get() >= incoming;
    }

    /**
     * The problems whose top-K may change because these profiles' scores moved: those the profiles
     * are listed on now, and those where a profile now scores at least the list's weakest entry
     * (or the list has room).
     */
    private Set<UUID> problemsToRecheck(Set<UUID> changedProfiles) {
        Set<UUID> out = new LinkedHashSet<>();
        if (changedProfiles.isEmpty()) {
            return out;
        }
        if (changedProfiles.size() > PRECISE_RECHECK_LIMIT) {
            out.addAll(openProblems);
            for (List<String> chunk : chunks(changedProfiles)) {
                matches.findActiveForProfiles(chunk).forEach(m -> out.add(m.problemStatementId()));
            }
            return out;
        }
        for (List<String> chunk : chunks(changedProfiles)) {
            matches.findActiveForProfiles(chunk).forEach(m -> out.add(m.problemStatementId()));
        }
        List<Match> candidates = new ArrayList<>();
        for (UUID profile : changedProfiles) {
            candidates.addAll(engine.scoreAgainstProblems(profile));
        }
        Set<UUID> candidateProblems = new HashSet<>();
        candidates.forEach(m -> candidateProblems.add(m.problemId()));
        candidateProblems.removeAll(out);
        Map<UUID, List<MatchRow>> lists = new HashMap<>();
        for (List<String> chunk : chunks(candidateProblems)) {
            for (MatchRow row : matches.findAllForProblems(chunk)) {
                if (row.active()) {
                    lists.computeIfAbsent(row.problemStatementId(), k -> new ArrayList<>()).add(row);
                }
            }
        }
        int k = engine.config().topK();
        for (Match m : candidates) {
            List<MatchRow> list = lists.getOrDefault(m.problemId(), List.of());
            if (list.size() < k || MatchDiff.roundScore(m.score())
                    >= list.stream().mapToDouble(MatchRow::score).min().orElse(0)) {
                out.add(m.problemId());
            }
        }
        return out;
    }

    private Map<UUID, List<Match>> rankAll(Collection<UUID> problemIds) {
        Map<UUID, List<Match>> out = new LinkedHashMap<>();
        for (UUID id : problemIds) {
            out.put(id, engine.rank(id)); // empty for a closed or unknown problem: retracts its list
        }
        return out;
    }

    /** Puts the engine back to what the database holds for this problem (after a failed commit). */
    private void restoreProblem(UUID id) {
        try {
            Optional<ProblemStatementRow> row = problems.findById(id);
            if (row.isPresent() && OPEN.equals(row.get().status())) {
                ProblemDoc doc = Docs.problem(read(row.get().snapshot(), ProblemStatementSnapshot.class));
                engine.upsertProblem(doc, engine.embedding(doc));
                openProblems.add(id);
            } else {
                engine.removeProblem(id);
                openProblems.remove(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not restore problem statement {} in the engine; the retry will: {}", id, e.toString());
        }
    }

    private void restoreProfile(UUID id) {
        try {
            Optional<SolutionProfileRow> row = profiles.findById(id);
            if (row.isPresent() && ACTIVE.equals(row.get().status())) {
                ProfileDoc doc = Docs.profile(read(row.get().snapshot(), SolutionProfileSnapshot.class));
                engine.upsertProfile(doc, engine.embedding(doc));
            } else {
                engine.removeProfile(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not restore solution profile {} in the engine; the retry will: {}", id, e.toString());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids as strings in chunks that keep IN lists of queries reasonable. */
    static List<List<String>> chunks(Collection<UUID> ids) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (UUID id : ids) {
            current.add(id.toString());
            if (current.size() == 500) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
