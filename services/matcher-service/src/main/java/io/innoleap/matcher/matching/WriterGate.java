package io.innoleap.matcher.matching;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica writes the batch in hand, and the take-over when it starts to. Every
 * replica keeps its engine current from the topics and stores the snapshots it takes (newest
 * version wins); only the writer ({@link WriterRole}) ranks, writes match rows and their events.
 * A replica that gains the lease first reconciles ({@link StartupRebuild#takeOver}) and writes only
 * then. The lease is checked on every batch and every {@code innoleap.matcher.replicas.check-interval}
 * (default 1 s), so a standby takes over without waiting for a record.
 */
@Singleton
public class WriterGate {

    private static final Logger LOG = LoggerFactory.getLogger(WriterGate.class);

    private final WriterRole role;
    private final StartupRebuild startup;
    private final WriterLock writer;
    private final MatcherMetrics metrics;
    private volatile boolean ready;
    /** Guarded by the writer lock: the lists were reconciled since the lease was (re)gained. */
    private volatile boolean reconciled;
    private volatile long becameWriterAtMillis;
    private volatile int takeovers;

    WriterGate(WriterRole role, StartupRebuild startup, WriterLock writer, MatcherMetrics metrics) {
        this.role = role;
        this.startup = startup;
        this.writer = writer;
        this.metrics = metrics;
    }

    /** The engine is rebuilt: from now on this replica may take the lease. */
    void ready() {
        ready = true;
    }

    /**
     * Under the writer lock: whether this replica writes now. Always true without replicas. With
     * them, it takes or renews the lease, and on gaining it reconciles the lists before it says yes.
     */
    boolean writing() {
        if (!role.replicated()) {
            return true;
        }
        if (!ready) {
            return false;
        }
        if (!role.acquire()) {
            reconciled = false;
            return false;
        }
        if (!reconciled) {
            long t0 = System.nanoTime();
            try {
                int[] r = startup.takeOver();
                reconciled = true;
                takeovers++;
                becameWriterAtMillis = System.currentTimeMillis();
                metrics.tookOver(r[1]);
                LOG.info("Matcher: took over as writer: {} lists reconciled, {} match changes written, {} ms", r[0],
                        r[1], (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("Matcher: reconciling the lists on take-over failed; trying again on the next check: {}",
                        e.toString());
                return false;
            }
        }
        return true;
    }

    /** After a write conflict: does this replica still hold the lease? If not, it is a standby from now on. */
    boolean stillWriting() {
        if (!role.replicated()) {
            return true;
        }
        if (!role.confirm()) {
            reconciled = false;
            return false;
        }
        return true;
    }

    /** Takes the lease when it is free, without waiting for a record. */
    @Scheduled(fixedDelay = "${innoleap.matcher.replicas.check-interval:1s}",
            initialDelay = "${innoleap.matcher.replicas.check-interval:1s}")
    void check() {
        if (!role.replicated() || !ready) {
            return;
        }
        writer.lock();
        try {
            writing();
        } finally {
            writer.unlock();
        }
    }

    /** Whether this replica is the writer and has reconciled (tests, health). */
    public boolean isWriter() {
        return role.holds() && (!role.replicated() || reconciled);
    }

    /** How many times this replica took over, and when last (epoch millis; 0 if never). */
    public int takeovers() {
        return takeovers;
    }

    public long becameWriterAtMillis() {
        return becameWriterAtMillis;
    }
}
