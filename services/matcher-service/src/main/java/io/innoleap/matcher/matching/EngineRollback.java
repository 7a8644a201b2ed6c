package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.matcher.store.Repositories.ProblemStatementRows;
import io.innoleap.matcher.store.Repositories.SolutionProfileRows;
import io.innoleap.matcher.store.StoredSnapshot.ProblemStatementRow;
import io.innoleap.matcher.store.StoredSnapshot.SolutionProfileRow;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;

/**
 * After a failed commit, puts the engine back to what the database holds for the ids involved,
 * so a record that ends on the DLQ leaves no trace in the engine. Runs under the writer lock.
 */
@Singleton
class EngineRollback {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRollback.class);
    static final String OPEN = "OPEN";
    static final String ACTIVE = "ACTIVE";

    private final MatchEngine engine;
    private final ProblemStatementRows problems;
    private final SolutionProfileRows profiles;
    private final WriterLock writer;
    private final SnapshotJson json;

    EngineRollback(MatchEngine engine, ProblemStatementRows problems, SolutionProfileRows profiles, WriterLock writer,
                   SnapshotJson json) {
        this.engine = engine;
        this.problems = problems;
        this.profiles = profiles;
        this.writer = writer;
        this.json = json;
    }

    void restoreProblem(UUID id) {
        try {
            Optional<ProblemStatementRow> row = problems.findById(id);
            if (row.isPresent() && OPEN.equals(row.get().status())) {
                ProblemDoc doc = Docs.problem(json.read(row.get().snapshot(), ProblemStatementSnapshot.class));
                engine.upsertProblem(doc, engine.embedding(doc));
                writer.openProblems().add(id);
            } else {
                engine.removeProblem(id);
                writer.openProblems().remove(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not restore problem statement {} in the engine; the retry will: {}", id, e.toString());
        }
    }

    void restoreProfile(UUID id) {
        try {
            Optional<SolutionProfileRow> row = profiles.findById(id);
            if (row.isPresent() && ACTIVE.equals(row.get().status())) {
                ProfileDoc doc = Docs.profile(json.read(row.get().snapshot(), SolutionProfileSnapshot.class));
                engine.upsertProfile(doc, engine.embedding(doc));
            } else {
                engine.removeProfile(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not restore solution profile {} in the engine; the retry will: {}", id, e.toString());
        }
    }
}
