package io.innoleap.matcher.matching;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@code /prometheus} shows of the matcher: snapshots applied or ignored as stale, the time
 * to apply one (embedding, re-ranking and the transaction), the match events published by type and
 * reason ({@link MatchDiff.Reason}),
 * and the last start-up rebuild.
 */
@Singleton
public class MatcherMetrics {

    private final MeterRegistry registry;
    private volatile double rebuildSeconds;

    public MatcherMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("innoleap.matcher.rebuild.seconds", this, m -> m.rebuildSeconds);
    }

    void snapshot(String kind, boolean applied, long nanos) {
        Counter.builder("innoleap.matcher.snapshots").tag("kind", kind).tag("outcome", applied ? "applied" : "stale")
                .register(registry).increment();
        if (applied) {
            Timer.builder("innoleap.matcher.apply").tag("kind", kind).register(registry)
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void published(List<MatchDiff.Change> changes) {
        for (MatchDiff.Change c : changes) {
            Counter.builder("innoleap.matcher.match.events").tag("type", c.eventType()).tag("reason", c.reason().tag())
                    .register(registry).increment();
        }
    }

    /** A match row another writer had moved (the version check failed): the batch is retried on fresh rows. */
    void conflict() {
        Counter.builder("innoleap.matcher.match.conflicts").register(registry).increment();
    }

    /** This replica became the writer and reconciled the stored lists with its engine. */
    void tookOver(int changes) {
        Counter.builder("innoleap.matcher.takeovers").register(registry).increment();
        Counter.builder("innoleap.matcher.takeover.changes").register(registry).increment(changes);
    }

    void rebuilt(long millis) {
        rebuildSeconds = millis / 1000.0;
    }
}
