package io.innoleap.matcher.matching;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbc.JdbcLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which matcher replica writes match rows and match events: with
 * {@code innoleap.matcher.replicas.enabled} the holder of the {@code matcher-writer} lease in the
 * service's database (ShedLock's JDBC provider, table {@code shedlock}, the same pattern as the
 * outbox relay's lease); without it (one instance) this instance always writes. The lease lasts
 * {@code innoleap.matcher.replicas.lease} (default 10 s) and is renewed once half of it has passed;
 * a holder that stops (or is stopped) gives it up, one that dies loses it when it runs out.
 */
@Singleton
public class WriterRole {

    private static final Logger LOG = LoggerFactory.getLogger(WriterRole.class);
    static final String LOCK = "matcher-writer";

    private final boolean enabled;
    private final JdbcLockProvider locks;
    private final Duration lease;
    private SimpleLock held;
    private long renewedAtNanos;

    public WriterRole(DataSource dataSource,
                      @Value("${innoleap.matcher.replicas.enabled:false}") boolean enabled,
                      @Value("${innoleap.matcher.replicas.lease:10s}") Duration lease,
                      @Value("${innoleap.matcher.replicas.group-suffix:}") String groupSuffix) {
        if (enabled && groupSuffix.isBlank()) {
            // In one shared group each replica would see only its partitions, and its engine only part of the data.
            throw new IllegalStateException("innoleap.matcher.replicas.enabled needs innoleap.matcher.replicas."
                    + "group-suffix, different on every replica (for example -${HOSTNAME})");
        }
        this.enabled = enabled;
        // Outside any transaction: the lease must commit at once, whatever the caller is doing.
        this.locks = new JdbcLockProvider(DelegatingDataSource.unwrapDataSource(dataSource), "shedlock");
        this.lease = lease;
    }

    /** Whether replicas are on (a lease decides who writes). */
    public boolean replicated() {
        return enabled;
    }

    /**
     * Whether this instance may write now: always without replicas; with them, whether it holds
     * the lease, taking it if it is free and renewing it once half of it has passed.
     */
    public synchronized boolean acquire() {
        if (!enabled) {
            return true;
        }
        if (held != null) {
            if (System.nanoTime() - renewedAtNanos < lease.toNanos() / 2) {
                return true;
            }
            return renew();
        }
        Optional<SimpleLock> lock;
        try {
            lock = locks.lock(new LockConfiguration(Instant.now(), LOCK, lease, Duration.ZERO));
        } catch (RuntimeException e) {
            LOG.warn("Matcher: taking the writer lease failed: {}", e.toString());
            return false;
        }
        if (lock.isPresent()) {
            LOG.info("Matcher: this replica is now the writer (lease {})", lease);
            held = lock.get();
            renewedAtNanos = System.nanoTime();
            return true;
        }
        return false;
    }

    /** Renews the lease now (after a write conflict: is this replica still the writer?). */
    public synchronized boolean confirm() {
        if (!enabled) {
            return true;
        }
        return held != null && renew();
    }

    /** Whether this instance holds the lease (always true without replicas); does not touch the database. */
    public synchronized boolean holds() {
        return !enabled || held != null;
    }

    private boolean renew() {
        Optional<SimpleLock> renewed;
        try {
            renewed = held.extend(lease, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.warn("Matcher: renewing the writer lease failed: {}", e.toString());
            renewed = Optional.empty();
        }
        if (renewed.isPresent()) {
            held = renewed.get();
            renewedAtNanos = System.nanoTime();
            return true;
        }
        LOG.warn("Matcher: this replica lost the writer lease; it is a standby now");
        held = null;
        return false;
    }

    /** Gives the lease up (on shutdown), so a standby takes over on its next check. */
    @PreDestroy
    public synchronized void release() {
        if (held != null) {
            try {
                held.unlock();
                LOG.info("Matcher: writer lease released");
            } catch (RuntimeException e) {
                LOG.debug("Matcher: releasing the writer lease failed ({}); it runs out by itself", e.toString());
            }
            held = null;
        }
    }
}
