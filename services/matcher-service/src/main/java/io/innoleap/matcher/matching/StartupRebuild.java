package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.MatchFeedbackSnapshot;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.matcher.ranking.VectorCodec;
import io.innoleap.matcher.store.DatabaseEmbeddingCache;
import io.innoleap.matcher.store.FeedbackRow;
import io.innoleap.matcher.store.MatchRow;
import io.innoleap.matcher.store.MatcherStateRow;
import io.innoleap.matcher.store.Repositories.FeedbackRows;
import io.innoleap.matcher.store.Repositories.MatchRows;
import io.innoleap.matcher.store.Repositories.MatcherStateRows;
import io.innoleap.matcher.store.Repositories.ProblemStatementRows;
import io.innoleap.matcher.store.Repositories.SolutionProfileRows;
import io.innoleap.matcher.store.StoredSnapshot;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Start-up: the engine is rebuilt from the stored snapshots and the vectors stored with them
 * (nothing is re-embedded), then, if the ranking settings changed since the lists were stored,
 * every list is recomputed once and only the differences are published.
 */
@Singleton
class StartupRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(StartupRebuild.class);
    private static final int PAGE = 1000;
    static final String RANKING_SETTINGS = "ranking-settings";

    private final MatchEngine engine;
    private final SharedEmbedder embedder;
    private final DatabaseEmbeddingCache cache;
    private final ProblemStatementRows problems;
    private final SolutionProfileRows profiles;
    private final MatchRows matches;
    private final FeedbackRows feedback;
    private final MatchWriter matchWriter;
    private final MatcherStateRows state;
    private final MatcherMetrics metrics;
    private final Rechecks rechecks;
    private final PublishedLists published;
    private final PublishRule rule;
    private final WriterLock writer;
    private final SnapshotJson json;
    private final Clock clock;
    private final WriterRole role;
    /** Rows whose vector was not stored with the snapshot (looked up by key). */
    private final AtomicInteger cacheLookups = new AtomicInteger();

    StartupRebuild(MatchEngine engine, SharedEmbedder embedder, DatabaseEmbeddingCache cache,
                   ProblemStatementRows problems, SolutionProfileRows profiles, MatchRows matches, FeedbackRows feedback,
                   MatchWriter matchWriter, MatcherStateRows state, MatcherMetrics metrics, Rechecks rechecks,
                   PublishedLists published, MatcherSettings settings, WriterLock writer, SnapshotJson json,
                   Clock clock, WriterRole role) {
        this.role = role;
        this.engine = engine;
        this.embedder = embedder;
        this.cache = cache;
        this.problems = problems;
        this.profiles = profiles;
        this.matches = matches;
        this.feedback = feedback;
        this.matchWriter = matchWriter;
        this.state = state;
        this.metrics = metrics;
        this.rechecks = rechecks;
        this.published = published;
        this.rule = settings.publishRule();
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    MatchingService.RebuildStats run() {
        // The first query opens the pool and runs the migrations: not part of the rebuild's cost.
        long stored = profiles.count() + problems.count();
        long t0 = System.nanoTime();
        int embedded = 0;
        int profileCount = 0;
        int problemCount = 0;
        // Reading and parsing the next page overlaps with the engine taking the current one: on two
        // cores the rebuild costs about the larger of the two instead of their sum.
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "matcher-rebuild-reader"));
        writer.lock();
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
                    writer.openProblems().add(doc.id());
                }
                problemCount += problemPage.docs().size();
            } while (problemPage.full());
            // The versions the engine has seen: a snapshot is stale against these (not the table, which
            // another replica may have moved on).
            profiles.findVersions().forEach(v -> writer.profileVersions().put(UUID.fromString(v.id()), v.version()));
            problems.findVersions().forEach(v -> writer.problemVersions().put(UUID.fromString(v.id()), v.version()));
            // Agencies' NOT_RELEVANT verdicts on the texts stored now keep those pairs off the lists.
            feedback.findStandingExclusions().forEach(f -> engine.exclude(f.problemStatementId(), f.solutionProfileId()));
            learnFromVerdicts();
        } finally {
            reader.shutdownNow();
        }
        long rebuilt = System.nanoTime();
        int[] reRanked;
        try {
            published.clear();
            published.apply(matches.findAllActive());
            // With replicas, only the writer ranks and writes: the replica that takes the lease
            // reconciles every list then (takeOver), which also covers a change of settings.
            reRanked = role.replicated() ? new int[] {0, 0} : reconcile(false);
        } finally {
            writer.unlock();
        }
        MatchingService.RebuildStats stats = new MatchingService.RebuildStats(problemCount, profileCount, embedded,
                cacheLookups.getAndSet(0), (rebuilt - t0) / 1_000_000, reRanked[0], reRanked[1]);
        metrics.rebuilt(stats.millis());
        LOG.info("Matching engine rebuilt from the database ({} snapshots stored): {} open problem statements, "
                + "{} active profiles, {} texts embedded (cache misses), {} ms", stored, problemCount, profileCount,
                embedded, stats.millis());
        return stats;
    }

    /**
     * The stored lists were computed with some ranking settings (top-K, minimum score, weights,
     * model). If those changed since, every list is recomputed now and only the differences are
     * published; if not, nothing is recomputed: a plain restart publishes nothing.
     *
     * @return problems re-ranked and match changes published
     */
    private int[] reconcile(boolean always) {
        String current = engine.config() + " step=" + rule.step() + " model=" + embedder.modelId() + " "
                + engine.feedbackPrior();
        Optional<MatcherStateRow> previous = state.findById(RANKING_SETTINGS);
        if (!always && previous.isPresent() && previous.get().value().equals(current)) {
            return new int[] {0, 0};
        }
        Set<UUID> toRank = new LinkedHashSet<>(writer.openProblems());
        matches.findProblemsWithActiveMatches().forEach(id -> toRank.add(UUID.fromString(id)));
        Map<UUID, List<Match>> ranked = previous.isEmpty() && toRank.isEmpty() ? Map.of() : rechecks.rankAll(toRank);
        MatcherStateRow row = new MatcherStateRow(RANKING_SETTINGS, current, now());
        boolean sameSettings = previous.isPresent() && previous.get().value().equals(current);
        // New settings: every difference is news. The same settings (a take-over): explanation drift
        // from other documents is not, as for the old writer; a side that arrived after the pair was
        // last written (the old writer died before its commit) is.
        Predicate<MatchRow> sideChanged = sameSettings ? sidesNewerThanTheirRows() : pair -> true;
        List<MatchDiff.Change> changes = matchWriter.commit(() -> {
            if (previous.isPresent()) {
                state.update(row);
            } else {
                state.save(row);
            }
        }, ranked, sideChanged, now());
        published.apply(changes.stream().map(MatchDiff.Change::row).toList());
        metrics.published(changes);
        if (previous.isPresent() && !previous.get().value().equals(current)) {
            LOG.info("Ranking settings changed ({} -> {}): {} problem statements re-ranked, {} match changes published",
                    previous.get().value(), current, ranked.size(), changes.size());
        }
        return new int[] {ranked.size(), changes.size()};
    }

    /** A stored pair whose problem or profile snapshot was stored after the pair was last written. */
    private Predicate<MatchRow> sidesNewerThanTheirRows() {
        Map<UUID, Instant> received = new HashMap<>();
        problems.findReceived().forEach(r -> received.put(UUID.fromString(r.id()), r.receivedAt()));
        profiles.findReceived().forEach(r -> received.put(UUID.fromString(r.id()), r.receivedAt()));
        return pair -> newer(received.get(pair.problemStatementId()), pair.computedAt())
                || newer(received.get(pair.solutionProfileId()), pair.computedAt());
    }

    private static boolean newer(Instant receivedAt, Instant computedAt) {
        return receivedAt != null && receivedAt.isAfter(computedAt);
    }

    /**
     * This replica has just become the writer (under the writer lock): the lists as stored are
     * read again, every list is recomputed from this engine (which kept up with the topics as a
     * standby), and only the differences are written and published, the way a change of ranking
     * settings is. What the old writer committed and this engine agrees with publishes nothing;
     * what it missed (it died between a snapshot and its commit) is written now.
     *
     * @return problems re-ranked and match changes published
     */
    int[] takeOver() {
        // Verdicts given to the old writer since this engine was built: kept off and learned here too.
        feedback.findStandingExclusions().forEach(f -> engine.exclude(f.problemStatementId(), f.solutionProfileId()));
        // ... and an agency that changed its mind (RELEVANT after NOT_RELEVANT) puts the pair back.
        feedback.findLatestAgencyVerdicts().stream().filter(f -> f.verdict() == MatchFeedbackSnapshot.Verdict.RELEVANT)
                .forEach(f -> engine.include(f.problemStatementId(), f.solutionProfileId()));
        learnFromVerdicts();
        published.clear();
        published.apply(matches.findAllActive());
        return reconcile(true);
    }

    /** One page of stored documents with their cached vectors (null where the cache has none). */
    private record Page<D>(List<D> docs, List<String> keys, Map<String, float[]> vectors, String lastId) {
        boolean full() {
            return docs.size() == PAGE;
        }
    }

    private Page<ProfileDoc> profilePage(String after) {
        return page(profiles.findPage(EngineRollback.ACTIVE, after, PAGE), after,
                text -> Docs.profile(json.read(text, SolutionProfileSnapshot.class)), engine::embeddingKey);
    }

    private Page<ProblemDoc> problemPage(String after) {
        return page(problems.findPage(EngineRollback.OPEN, after, PAGE), after,
                text -> Docs.problem(json.read(text, ProblemStatementSnapshot.class)), engine::embeddingKey);
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
            cacheLookups.addAndGet(missing.size());
            vectors.putAll(cache.getAll(missing));
        }
        return new Page<>(docs, keys, vectors, rows.isEmpty() ? after : rows.get(rows.size() - 1).id());
    }

    /** The ranking learns from every agency's latest verdict, on the texts it was given on (vectors by text key). */
    private void learnFromVerdicts() {
        List<FeedbackRow> verdicts = feedback.findLatestAgencyVerdicts();
        if (verdicts.isEmpty()) {
            return;
        }
        Set<String> keys = new java.util.HashSet<>();
        verdicts.forEach(f -> {
            keys.add(f.problemTextKey());
            keys.add(f.profileTextKey());
        });
        Map<String, float[]> vectors = cache.getAll(keys);
        Map<UUID, Set<String>> themes = new HashMap<>();
        for (FeedbackRow f : verdicts) {
            float[] p = vectors.get(f.problemTextKey());
            float[] s = vectors.get(f.profileTextKey());
            Set<String> t = themes.computeIfAbsent(f.problemStatementId(), id -> problems.findById(id)
                    .map(r -> Set.copyOf(json.read(r.snapshot(), ProblemStatementSnapshot.class).themes()))
                    .orElse(Set.of()));
            if (p != null && s != null && !t.isEmpty()) {
                engine.learn(engine.lesson(f.problemStatementId(), f.solutionProfileId(),
                        f.verdict() == MatchFeedbackSnapshot.Verdict.RELEVANT, t, p, s));
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
