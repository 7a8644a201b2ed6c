package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.matcher.ranking.VectorCodec;
import io.innoleap.matcher.store.Repositories.ProblemStatementRows;
import io.innoleap.matcher.store.Repositories.SolutionProfileRows;
import io.innoleap.matcher.store.StoredSnapshot.ProblemStatementRow;
import io.innoleap.matcher.store.StoredSnapshot.SolutionProfileRow;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Applies a batch of snapshots (a poll's records) as one change: the newest snapshot per id that
 * is newer than the stored one goes into the engine, the lists that can change are re-ranked, and
 * the snapshots, the changed pairs and their events commit in one transaction.
 * <ul>
 *   <li>Embedding, the slow part, runs first for the whole batch (one model call), before the
 *       writer lock and outside any transaction.</li>
 *   <li>The batch's final lists are those of applying its snapshots one by one: the engine's state
 *       does not depend on the order of upserts, and every list that any of them can change is
 *       re-ranked once, at the end.</li>
 *   <li>If the transaction fails, every id of the batch is rolled back in the engine.</li>
 * </ul>
 */
@Singleton
class SnapshotApplier {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotApplier.class);
    static final String PROBLEM = "problem-statement";
    static final String PROFILE = "solution-profile";

    private final MatchEngine engine;
    private final ProblemStatementRows problems;
    private final SolutionProfileRows profiles;
    private final MatchWriter matchWriter;
    private final MatcherMetrics metrics;
    private final Rechecks rechecks;
    private final PublishedLists published;
    private final EngineRollback rollback;
    private final WriterLock writer;
    private final SnapshotJson json;
    private final Clock clock;
    private final WriterGate gate;
    private final WriterRole role;
    private final JdbcOperations jdbc;

    SnapshotApplier(MatchEngine engine, ProblemStatementRows problems, SolutionProfileRows profiles,
                    MatchWriter matchWriter, MatcherMetrics metrics, Rechecks rechecks, PublishedLists published,
                    EngineRollback rollback, WriterLock writer, SnapshotJson json, Clock clock, WriterGate gate,
                    WriterRole role, JdbcOperations jdbc) {
        this.gate = gate;
        this.role = role;
        this.jdbc = jdbc;
        this.engine = engine;
        this.problems = problems;
        this.profiles = profiles;
        this.matchWriter = matchWriter;
        this.metrics = metrics;
        this.rechecks = rechecks;
        this.published = published;
        this.rollback = rollback;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    /** What one batch did. */
    record Outcome(int applied, int stale, int reRanked, int changes) {
    }

    Outcome apply(List<SolutionProfileSnapshot> profileSnapshots, List<ProblemStatementSnapshot> problemSnapshots) {
        long t0 = System.nanoTime();
        Map<UUID, SolutionProfileSnapshot> newProfiles = newest(profileSnapshots, SolutionProfileSnapshot::id,
                SolutionProfileSnapshot::version);
        Map<UUID, ProblemStatementSnapshot> newProblems = newest(problemSnapshots, ProblemStatementSnapshot::id,
                ProblemStatementSnapshot::version);
        int received = newProfiles.size() + newProblems.size();
        int stale = (profileSnapshots.size() - newProfiles.size()) + (problemSnapshots.size() - newProblems.size());
        dropStale(newProfiles, writer.profileVersions(), SolutionProfileSnapshot::version);
        dropStale(newProblems, writer.problemVersions(), ProblemStatementSnapshot::version);
        stale += received - newProfiles.size() - newProblems.size();
        if (newProfiles.isEmpty() && newProblems.isEmpty()) {
            recordStale(profileSnapshots, problemSnapshots, stale);
            return new Outcome(0, stale, 0, 0);
        }

        // Slow: one model call for the batch, before the lock and the transaction.
        Map<UUID, ProfileDoc> profileDocs = new LinkedHashMap<>();
        newProfiles.forEach((id, s) -> profileDocs.put(id, Docs.profile(s)));
        Map<UUID, ProblemDoc> problemDocs = new LinkedHashMap<>();
        newProblems.forEach((id, s) -> problemDocs.put(id, Docs.problem(s)));
        List<String> texts = new ArrayList<>();
        profileDocs.values().stream().filter(ProfileDoc::active).forEach(d -> texts.add(d.text()));
        problemDocs.values().stream().filter(ProblemDoc::open).forEach(d -> texts.add(d.text()));
        Map<String, float[]> vectors = engine.embeddings(texts);

        writer.lock();
        try {
            // Again under the lock: the engine's versions decide. The stored rows tell whether a row
            // exists (and, with replicas, another replica may have stored a newer one).
            int before = newProfiles.size() + newProblems.size();
            dropStale(newProfiles, writer.profileVersions(), SolutionProfileSnapshot::version);
            dropStale(newProblems, writer.problemVersions(), ProblemStatementSnapshot::version);
            Map<UUID, SolutionProfileRow> currentProfiles = storedProfiles(newProfiles);
            Map<UUID, ProblemStatementRow> currentProblems = storedProblems(newProblems);
            boolean writing = gate.writing();
            stale += before - newProfiles.size() - newProblems.size();
            profileDocs.keySet().retainAll(newProfiles.keySet());
            problemDocs.keySet().retainAll(newProblems.keySet());

            // A side whose text changed is no longer kept off lists by its agency's NOT_RELEVANT verdicts.
            Map<UUID, Set<UUID>> lifted = new HashMap<>();
            for (ProfileDoc doc : profileDocs.values()) {
                SolutionProfileRow cur = currentProfiles.get(doc.id());
                if (cur != null && engine.hasExclusions(doc.id()) && !engine.embeddingKey(doc).equals(textKey(cur))) {
                    engine.liftExclusions(doc.id()).forEach((k, v) -> lifted.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
                }
            }
            for (ProblemDoc doc : problemDocs.values()) {
                ProblemStatementRow cur = currentProblems.get(doc.id());
                if (cur != null && engine.hasExclusions(doc.id()) && !engine.embeddingKey(doc).equals(textKey(cur))) {
                    engine.liftExclusions(doc.id()).forEach((k, v) -> lifted.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
                }
            }

            Set<UUID> moved = new LinkedHashSet<>(); // profiles whose own pairs changed
            Set<UUID> ownLists = new LinkedHashSet<>(); // lists that are re-ranked whole
            for (ProfileDoc doc : profileDocs.values()) {
                if (doc.active()) {
                    engine.upsertProfile(doc, vectors.get(doc.text()));
                } else {
                    engine.removeProfile(doc.id());
                }
                moved.add(doc.id());
            }
            for (ProblemDoc doc : problemDocs.values()) {
                // A problem's change re-ranks its own list and those whose hubness reference it entered or left.
                if (doc.open()) {
                    ownLists.addAll(engine.upsertProblem(doc, vectors.get(doc.text())));
                    writer.openProblems().add(doc.id());
                } else {
                    ownLists.addAll(engine.removeProblem(doc.id()));
                    writer.openProblems().remove(doc.id());
                }
                ownLists.add(doc.id());
            }
            // A standby keeps its engine and the stored snapshots only; the writer ranks and writes.
            Map<UUID, List<Match>> ranked = Map.of();
            if (writing) {
                Set<UUID> affected = new LinkedHashSet<>(ownLists);
                affected.addAll(lifted.keySet());
                affected.addAll(rechecks.problemsToRecheck(moved));
                ranked = rechecks.rankAll(affected);
            }

            Instant now = now();
            List<SolutionProfileRow> profileInserts = new ArrayList<>();
            List<SolutionProfileRow> profileUpdates = new ArrayList<>();
            for (SolutionProfileSnapshot s : newProfiles.values()) {
                ProfileDoc doc = profileDocs.get(s.id());
                float[] v = doc.active() ? vectors.get(doc.text()) : null;
                SolutionProfileRow row = new SolutionProfileRow(s.id(), s.version(), s.status().name(), json.write(s),
                        engine.embeddingKey(doc), v == null ? null : VectorCodec.encode(v), now);
                (currentProfiles.containsKey(s.id()) ? profileUpdates : profileInserts).add(row);
            }
            List<ProblemStatementRow> problemInserts = new ArrayList<>();
            List<ProblemStatementRow> problemUpdates = new ArrayList<>();
            for (ProblemStatementSnapshot s : newProblems.values()) {
                ProblemDoc doc = problemDocs.get(s.id());
                float[] v = doc.open() ? vectors.get(doc.text()) : null;
                ProblemStatementRow row = new ProblemStatementRow(s.id(), s.version(), s.status().name(), json.write(s),
                        engine.embeddingKey(doc), v == null ? null : VectorCodec.encode(v), now);
                (currentProblems.containsKey(s.id()) ? problemUpdates : problemInserts).add(row);
            }
            try {
                List<MatchDiff.Change> changes = matchWriter.commit(() -> {
                    if (role.replicated()) {
                        // Every replica stores what it takes; the newest version wins, whoever writes first.
                        storeNewest("solution_profile", profileInserts, profileUpdates);
                        storeNewest("problem_statement", problemInserts, problemUpdates);
                        return;
                    }
                    insert("INSERT INTO solution_profile", profileInserts);
                    if (!profileUpdates.isEmpty()) {
                        profiles.updateAll(profileUpdates);
                    }
                    insert("INSERT INTO problem_statement", problemInserts);
                    if (!problemUpdates.isEmpty()) {
                        problems.updateAll(problemUpdates);
                    }
                }, ranked, pair -> newProblems.containsKey(pair.problemStatementId())
                                || newProfiles.containsKey(pair.solutionProfileId()),
                        now);
                published.apply(changes.stream().map(MatchDiff.Change::row).toList());
                newProfiles.values().forEach(p -> writer.profileVersions().put(p.id(), p.version()));
                newProblems.values().forEach(p -> writer.problemVersions().put(p.id(), p.version()));
                long nanos = System.nanoTime() - t0;
                metrics.published(changes);
                newProfiles.keySet().forEach(id -> metrics.snapshot(PROFILE, true, nanos));
                newProblems.keySet().forEach(id -> metrics.snapshot(PROBLEM, true, nanos));
                recordStale(profileSnapshots, problemSnapshots, stale);
                LOG.debug("{} profiles and {} problem statements applied ({} stale): {} problems re-ranked, "
                        + "{} match changes", newProfiles.size(), newProblems.size(), stale, ranked.size(),
                        changes.size());
                return new Outcome(newProfiles.size() + newProblems.size(), stale, ranked.size(), changes.size());
            } catch (RuntimeException e) {
                if (e instanceof MatchWriter.StaleMatchException) {
                    // Another writer moved a pair since it was read: counted, logged; the batch is
                    // retried on fresh rows, as a standby if this replica lost the lease meanwhile.
                    metrics.conflict();
                    LOG.warn("Match version conflict ({}); this replica {} the writer", e.getMessage(),
                            gate.stillWriting() ? "is still" : "is no longer");
                }
                newProfiles.keySet().forEach(rollback::restoreProfile);
                newProblems.keySet().forEach(rollback::restoreProblem);
                lifted.forEach((problem, off) -> off.forEach(profile -> engine.exclude(problem, profile)));
                throw e;
            }
        } finally {
            writer.unlock();
        }
    }

    /** The columns of a stored snapshot in the order of {@link #storeNewest}'s statements. */
    private static Object[] values(Object row) {
        if (row instanceof ProblemStatementRow p) {
            return new Object[] {p.id().toString(), p.version(), p.status(), p.snapshot(), p.embeddingKey(), p.vector(),
                    Timestamp.from(p.receivedAt())};
        }
        SolutionProfileRow p = (SolutionProfileRow) row;
        return new Object[] {p.id().toString(), p.version(), p.status(), p.snapshot(), p.embeddingKey(), p.vector(),
                Timestamp.from(p.receivedAt())};
    }

    /**
     * Stores snapshots when no replica stored a newer one: rows that were absent are inserted
     * unless another replica inserted them first ({@code INSERT IGNORE}), and every row is updated
     * only over an older version ({@code WHERE version < ?}). Two replicas storing the same
     * snapshot therefore neither fail nor go back in time.
     */
    private <R> void storeNewest(String table, List<R> inserts, List<R> updates) {
        List<R> all = new ArrayList<>(inserts);
        all.addAll(updates);
        if (all.isEmpty()) {
            return;
        }
        insert("INSERT IGNORE INTO " + table, inserts);
        jdbc.prepareStatement("UPDATE " + table + " SET version = ?, status = ?, snapshot = ?, embedding_key = ?, "
                + "vector = ?, received_at = ? WHERE id = ? AND version < ?", ps -> {
                    for (R r : all) {
                        Object[] v = values(r);
                        for (int i = 1; i < v.length; i++) {
                            ps.setObject(i, v[i]);
                        }
                        ps.setObject(7, v[0]);
                        ps.setObject(8, v[1]);
                        ps.addBatch();
                    }
                    return ps.executeBatch().length;
                });
    }

    /**
     * Inserts stored snapshots with one JDBC batch, which the driver sends as one statement (Micronaut
     * Data's {@code saveAll} inserts row by row on its MySQL dialect).
     */
    private <R> void insert(String insertInto, List<R> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(insertInto + " (id, version, status, snapshot, embedding_key, vector, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
                    for (R r : rows) {
                        Object[] v = values(r);
                        for (int i = 0; i < v.length; i++) {
                            ps.setObject(i + 1, v[i]);
                        }
                        ps.addBatch();
                    }
                    return ps.executeBatch().length;
                });
    }

    /** The key of the text a stored snapshot was ranked with (computed for rows stored before keys were). */
    private String textKey(SolutionProfileRow row) {
        return row.embeddingKey() != null ? row.embeddingKey()
                : engine.embeddingKey(Docs.profile(json.read(row.snapshot(), SolutionProfileSnapshot.class)));
    }

    private String textKey(ProblemStatementRow row) {
        return row.embeddingKey() != null ? row.embeddingKey()
                : engine.embeddingKey(Docs.problem(json.read(row.snapshot(), ProblemStatementSnapshot.class)));
    }

    private void recordStale(List<SolutionProfileSnapshot> profileSnapshots,
                             List<ProblemStatementSnapshot> problemSnapshots, int stale) {
        String kind = profileSnapshots.isEmpty() ? PROBLEM : problemSnapshots.isEmpty() ? PROFILE : "mixed";
        for (int i = 0; i < stale; i++) {
            metrics.snapshot(kind, false, 0);
        }
    }

    /** The highest version per id (a batch may hold several snapshots of one id). */
    private static <S> Map<UUID, S> newest(List<S> snapshots, Function<S, UUID> id, ToLongFunction<S> version) {
        Map<UUID, S> out = new LinkedHashMap<>();
        for (S s : snapshots) {
            out.merge(id.apply(s), s, (a, b) -> version.applyAsLong(b) > version.applyAsLong(a) ? b : a);
        }
        return out;
    }

    /** Drops the snapshots the engine already has in that version or newer. */
    private static <S> void dropStale(Map<UUID, S> snapshots, Map<UUID, Long> seen, ToLongFunction<S> version) {
        snapshots.values().removeIf(s -> {
            Long v = seen.get(idOf(s));
            return v != null && v >= version.applyAsLong(s);
        });
    }

    private static UUID idOf(Object snapshot) {
        return snapshot instanceof ProblemStatementSnapshot p ? p.id() : ((SolutionProfileSnapshot) snapshot).id();
    }

    private Map<UUID, SolutionProfileRow> storedProfiles(Map<UUID, SolutionProfileSnapshot> snapshots) {
        Map<UUID, SolutionProfileRow> out = new HashMap<>();
        if (!snapshots.isEmpty()) {
            profiles.findByIdIn(snapshots.keySet()).forEach(r -> out.put(r.id(), r));
        }
        return out;
    }

    private Map<UUID, ProblemStatementRow> storedProblems(Map<UUID, ProblemStatementSnapshot> snapshots) {
        Map<UUID, ProblemStatementRow> out = new HashMap<>();
        if (!snapshots.isEmpty()) {
            problems.findByIdIn(snapshots.keySet()).forEach(r -> out.put(r.id(), r));
        }
        return out;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
