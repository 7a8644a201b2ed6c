package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;

import java.util.List;

/**
 * Keeps matches live; the entry point of the listeners and the tests.
 *
 * <ul>
 *   <li>Start ({@link StartupRebuild}): the engine is rebuilt from the stored snapshots and their
 *       vectors (nothing is re-embedded) before any record is consumed: this bean is eager and the
 *       listeners need it.</li>
 *   <li>Live updates ({@link SnapshotApplier}): a batch of snapshots (a poll's records) is
 *       embedded with one model call, goes into the engine, the lists that can change are
 *       re-ranked ({@link Rechecks}, reading {@link PublishedLists}), and the changed pairs are
 *       written with their events in one transaction ({@link MatchWriter}). Only what matters is
 *       published ({@link MatchDiff}, {@link PublishRule}).</li>
 *   <li>One writer at a time ({@link WriterLock}): the engine and the stored top-K lists move
 *       together. If the transaction fails, {@link EngineRollback} puts the engine back to the
 *       stored state, so a record that ends on the DLQ leaves no trace in the engine.</li>
 * </ul>
 */
@Context
public class MatchingService {

    private final StartupRebuild startup;
    private final SnapshotApplier applier;
    private final WriterGate gate;
    private volatile RebuildStats rebuildStats;

    /** What the start-up rebuild did and how long it took; {@code reRanked} > 0 after a configuration change. */
    public record RebuildStats(int problems, int profiles, int embedded, int cacheLookups, long millis, int reRanked,
                               int changes) {
    }

    public MatchingService(StartupRebuild startup, SnapshotApplier applier, WriterGate gate) {
        this.startup = startup;
        this.applier = applier;
        this.gate = gate;
    }

    @PostConstruct
    void rebuild() {
        rebuildStats = startup.run();
        gate.ready();
        gate.check(); // with replicas: the first replica up becomes the writer before it consumes anything
    }

    /** Whether this instance writes match rows and events (always, without replicas). */
    public boolean isWriter() {
        return gate.isWriter();
    }

    public RebuildStats rebuildStats() {
        return rebuildStats;
    }

    /** Applies a problem statement snapshot; an older or equal version changes nothing. */
    public void apply(ProblemStatementSnapshot s) {
        applier.apply(List.of(), List.of(s));
    }

    /** Applies a solution profile snapshot; an older or equal version changes nothing. */
    public void apply(SolutionProfileSnapshot s) {
        applier.apply(List.of(s), List.of());
    }

    /**
     * Applies many snapshots as one change (one embedding call, one lock, one transaction); the
     * final lists are those of applying them one by one. Older or equal versions change nothing.
     *
     * @return snapshots applied (newer than stored)
     */
    public int applyAll(List<SolutionProfileSnapshot> profiles, List<ProblemStatementSnapshot> problems) {
        return applier.apply(profiles, problems).applied();
    }
}
