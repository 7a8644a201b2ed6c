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

    @Query("UPDATE outbox_event SET published_at = :publishedAt WHERE id IN (:ids)")
    void markPublished(List<Long> ids, Instant publishedAt);

    @Query("UPDATE outbox_event SET attempts = attempts + 1, last_error = :error WHERE id = :id")
    void recordFailure(Long id, String error);

    @Query("DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < :before")
    int deletePublishedBefore(Instant before);

    @Query("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL")
    long countUnpublished();
}
