package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.matcher.events.MatchEvents;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.store.MatchRow;
import io.innoleap.matcher.store.Repositories.MatchRows;
import io.innoleap.servicekit.outbox.Outbox;
import io.innoleap.servicekit.store.StringListConverter;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The one transaction of every batch: the new snapshots, the changed pairs of every re-ranked
 * problem and their events commit together or not at all. Rows and outbox events are written with
 * JDBC batches. An update names the version it replaces ({@code WHERE ... AND version = ?}): if
 * another writer changed the pair since it was read, the transaction fails and is retried on fresh
 * rows, so two writers can never both publish version n+1 of a pair.
 */
@Singleton
public class MatchWriter {

    private static final String UPDATE = "UPDATE match_pair SET score = ?, match_rank = ?, shared_themes = ?, "
            + "matched_terms = ?, active = ?, version = ?, computed_at = ? "
            + "WHERE problem_statement_id = ? AND solution_profile_id = ? AND version = ?";

    private static final String INSERT = "INSERT INTO match_pair (problem_statement_id, solution_profile_id, score, "
            + "match_rank, shared_themes, matched_terms, active, version, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final MatchRows matches;
    private final MatchEvents events;
    private final JdbcOperations jdbc;
    private final StringListConverter lists;
    private final PublishRule rule;
    private final int k;

    public MatchWriter(MatchRows matches, MatchEvents events, JdbcOperations jdbc, StringListConverter lists,
                       MatcherSettings settings) {
        this.matches = matches;
        this.events = events;
        this.jdbc = jdbc;
        this.lists = lists;
        this.rule = settings.publishRule();
        this.k = settings.getTopK();
    }

    /**
     * @param storeSnapshots writes the snapshots that caused the change
     * @param ranked         new window of each re-ranked problem: top K and reserve ({@link PublishRule#window(int)};
     *                       empty list: retract all of it)
     * @param sideChanged    stored pair -> whether either side changed since the row was written
     * @return the changes written and published
     */
    @Transactional
    public List<MatchDiff.Change> commit(Runnable storeSnapshots, Map<UUID, List<Match>> ranked,
                                         Predicate<MatchRow> sideChanged, Instant now) {
        storeSnapshots.run();
        List<MatchDiff.Change> all = new ArrayList<>();
        if (ranked.isEmpty()) {
            return all;
        }
        Map<UUID, Map<UUID, MatchRow>> stored = new HashMap<>();
        for (List<String> chunk : Rechecks.chunks(ranked.keySet())) {
            for (MatchRow row : matches.findAllForProblems(chunk)) {
                stored.computeIfAbsent(row.problemStatementId(), k -> new HashMap<>()).put(row.solutionProfileId(), row);
            }
        }
        for (Map.Entry<UUID, List<Match>> e : ranked.entrySet()) {
            UUID problem = e.getKey();
            all.addAll(MatchDiff.diff(problem, e.getValue(), k, stored.getOrDefault(problem, Map.of()), now, rule,
                    sideChanged));
        }
        List<MatchRow> inserts = new ArrayList<>();
        List<MatchDiff.Change> updates = new ArrayList<>();
        List<Outbox.Pending<MatchSnapshot>> outgoing = new ArrayList<>(all.size());
        for (MatchDiff.Change c : all) {
            if (c.insert()) {
                inserts.add(c.row());
            } else {
                updates.add(c);
            }
            outgoing.add(MatchEvents.event(c.eventType(), c.snapshot()));
        }
        if (!inserts.isEmpty()) {
            insert(inserts);
        }
        if (!updates.isEmpty()) {
            update(updates);
        }
        events.publishAll(outgoing);
        return all;
    }

    /**
     * One JDBC batch, which the driver sends as one statement (Micronaut Data's {@code saveAll} inserts
     * row by row on its MySQL dialect). A pair another writer inserted meanwhile fails the transaction
     * on the primary key, and the batch is applied again, as any failed batch is.
     */
    private void insert(List<MatchRow> inserts) {
        jdbc.prepareStatement(INSERT, ps -> {
            for (MatchRow r : inserts) {
                ps.setString(1, r.problemStatementId().toString());
                ps.setString(2, r.solutionProfileId().toString());
                ps.setDouble(3, r.score());
                ps.setInt(4, r.rank());
                ps.setString(5, lists.convertToPersistedValue(r.sharedThemes(), null));
                ps.setString(6, lists.convertToPersistedValue(r.matchedTerms(), null));
                ps.setBoolean(7, r.active());
                ps.setLong(8, r.version());
                ps.setTimestamp(9, Timestamp.from(r.computedAt()));
                ps.addBatch();
            }
            return ps.executeBatch().length;
        });
    }

    private void update(List<MatchDiff.Change> updates) {
        jdbc.prepareStatement(UPDATE, ps -> {
            for (MatchDiff.Change c : updates) {
                bind(ps, c);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                // A driver that rewrites the batch may report SUCCESS_NO_INFO; 0 rows is a lost race.
                if (counts[i] == 0) {
                    MatchRow r = updates.get(i).row();
                    throw new StaleMatchException(r.problemStatementId() + ":" + r.solutionProfileId()
                            + " is no longer at version " + updates.get(i).previousVersion());
                }
                if (counts[i] < 0 && counts[i] != Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("batch update failed at " + i + ": " + counts[i]);
                }
            }
            return counts.length;
        });
    }

    private void bind(PreparedStatement ps, MatchDiff.Change c) throws java.sql.SQLException {
        MatchRow r = c.row();
        ps.setDouble(1, r.score());
        ps.setInt(2, r.rank());
        ps.setString(3, lists.convertToPersistedValue(r.sharedThemes(), null));
        ps.setString(4, lists.convertToPersistedValue(r.matchedTerms(), null));
        ps.setBoolean(5, r.active());
        ps.setLong(6, r.version());
        ps.setTimestamp(7, Timestamp.from(r.computedAt()));
        ps.setString(8, r.problemStatementId().toString());
        ps.setString(9, r.solutionProfileId().toString());
        ps.setLong(10, c.previousVersion());
    }

    /** Another writer changed a pair between our read and our write: retry the batch on fresh rows. */
    public static class StaleMatchException extends RuntimeException {
        public StaleMatchException(String message) {
            super(message);
        }
    }
}
