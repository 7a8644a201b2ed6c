package io.innoleap.servicekit.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface OutboxRepository extends CrudRepository<OutboxEvent, Long> {

    /**
     * The oldest unpublished rows. Never "id greater than the last one seen": ids are assigned
     * at insert but commit out of order, so a cursor would skip a slow transaction's row.
     */
    @Query("SELECT * FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT :limit")
    List<OutboxEvent> findUnpublished(int limit);

    /**
     * The oldest rows that may be published now: not published, not parked, and not behind a parked
     * row of the same aggregate (its later events wait for it, so a key's order is never broken).
     */
    @Query("""
            SELECT o.* FROM outbox_event o
            WHERE o.published_at IS NULL AND o.parked_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM outbox_event p
                              WHERE p.parked_at IS NOT NULL AND p.published_at IS NULL
                                AND p.topic = o.topic AND p.record_key = o.record_key AND p.id < o.id)
            ORDER BY o.id LIMIT :limit""")
    List<OutboxEvent> findPublishable(int limit);

    @Query("UPDATE outbox_event SET parked_at = :parkedAt WHERE id = :id")
    void park(Long id, Instant parkedAt);

    @Query("SELECT COUNT(*) FROM outbox_event WHERE parked_at IS NOT NULL AND published_at IS NULL")
    long countParked();

    /** When the oldest row that could be published was written (none: null). */
    @Query("SELECT MIN(created_at) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL")
    @io.micronaut.core.annotation.Nullable
    Instant oldestUnpublished();

    @Query("UPDATE outbox_event SET published_at = :publishedAt WHERE id IN (:ids)")
    void markPublished(List<Long> ids, Instant publishedAt);

    @Query("UPDATE outbox_event SET attempts = attempts + 1, last_error = :error WHERE id = :id")
    void recordFailure(Long id, String error);

    @Query("SELECT attempts FROM outbox_event WHERE id = :id")
    int attempts(Long id);

    @Query("DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < :before")
    int deletePublishedBefore(Instant before);

    @Query("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL")
    long countUnpublished();
}
