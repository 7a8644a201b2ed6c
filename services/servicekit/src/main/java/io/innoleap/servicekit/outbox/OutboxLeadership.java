package io.innoleap.servicekit.outbox;

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
 * Which replica of a service publishes its outbox: the holder of a lease in the service's own
 * database (ShedLock's JDBC provider, table {@code shedlock}). The holder renews it on every pass;
 * if it dies, the lease runs out after {@code innoleap.outbox.lease} (default 10 s) and another
 * replica takes over on its next pass. A holder that stalls past its lease is stopped by Kafka
 * itself: every publisher uses the same transactional id, so the new holder's producer fences
 * the old one (see {@link OutboxRelay}).
 */
@Singleton
public class OutboxLeadership {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxLeadership.class);
    static final String LOCK = "outbox-relay";

    private final JdbcLockProvider locks;
    private final Duration lease;
    private SimpleLock held;
    private long renewedAtNanos;

    public OutboxLeadership(DataSource dataSource, @Value("${innoleap.outbox.lease:10s}") Duration lease) {
        // Outside any transaction: the lease must commit at once, whatever the caller is doing.
        this.locks = new JdbcLockProvider(DelegatingDataSource.unwrapDataSource(dataSource), "shedlock");
        this.lease = lease;
    }

    /**
     * Whether this replica holds the lease now; takes it if it is free, and renews it once half of
     * it has passed (so a busy publisher does not write the lease row on every batch).
     */
    public synchronized boolean acquire() {
        if (held != null) {
            if (System.nanoTime() - renewedAtNanos < lease.toNanos() / 2) {
                return true;
            }
            Optional<SimpleLock> renewed = renew(held);
            if (renewed.isPresent()) {
                held = renewed.get();
                renewedAtNanos = System.nanoTime();
                return true;
            }
            LOG.warn("Outbox: this replica lost the publishing lease");
            held = null;
        }
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(Instant.now(), LOCK, lease, Duration.ZERO));
        if (lock.isPresent()) {
            LOG.info("Outbox: this replica now publishes the service's events (lease {})", lease);
            held = lock.get();
            renewedAtNanos = System.nanoTime();
            return true;
        }
        return false;
    }

    public synchronized boolean holds() {
        return held != null;
    }

    /** Gives the lease up (on shutdown, or when Kafka says another publisher took over). */
    @PreDestroy
    public synchronized void release() {
        if (held != null) {
            try {
                held.unlock();
            } catch (RuntimeException e) {
                LOG.debug("Outbox: releasing the lease failed ({}); it runs out by itself", e.toString());
            }
            held = null;
        }
    }

    private Optional<SimpleLock> renew(SimpleLock lock) {
        try {
            return lock.extend(lease, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.warn("Outbox: renewing the publishing lease failed: {}", e.toString());
            return Optional.empty();
        }
    }
}
