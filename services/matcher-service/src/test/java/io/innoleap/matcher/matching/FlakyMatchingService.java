package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The matching service with a database that is away for a while: a batch holding a problem
 * statement whose title starts with {@value #MARKER} fails as a lost connection would, the next
 * {@link #failures} times. Only in tests that set {@code test.flaky-matching}.
 */
@Context
@Replaces(MatchingService.class)
@Requires(property = "test.flaky-matching", value = "true")
public class FlakyMatchingService extends MatchingService {

    public static final String MARKER = "FLAKY";
    public static final AtomicInteger failures = new AtomicInteger();
    public static final AtomicInteger attempts = new AtomicInteger();

    FlakyMatchingService(StartupRebuild startup, SnapshotApplier applier, WriterGate gate) {
        super(startup, applier, gate);
    }

    @Override
    public int applyAll(List<SolutionProfileSnapshot> profiles, List<ProblemStatementSnapshot> problems) {
        failIfMarked(problems);
        return super.applyAll(profiles, problems);
    }

    @Override
    public void apply(ProblemStatementSnapshot s) {
        failIfMarked(List.of(s));
        super.apply(s);
    }

    private static void failIfMarked(List<ProblemStatementSnapshot> problems) {
        if (problems.stream().anyMatch(p -> p.title() != null && p.title().startsWith(MARKER))) {
            attempts.incrementAndGet();
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("database away (simulated)",
                        new SQLTransientConnectionException("Connection refused", "08S01"));
            }
        }
    }
}
