package io.innoleap.scheduler.email;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface MailOutboxRepository extends CrudRepository<MailOutboxEntry, Long> {

    /** Unsent mails whose next attempt is due and that have not used up their attempts, oldest first. */
    @Query("""
            SELECT * FROM mail_outbox
            WHERE sent_at IS NULL AND next_attempt_at <= :now AND attempts < :maxAttempts
            ORDER BY id LIMIT :limit""")
    List<MailOutboxEntry> findDue(Instant now, int maxAttempts, int limit);

    @Query("UPDATE mail_outbox SET sent_at = :sentAt, attempts = attempts + 1, last_error = NULL WHERE id = :id")
    void markSent(Long id, Instant sentAt);

    @Query("UPDATE mail_outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :nextAttemptAt WHERE id = :id")
    void recordFailure(Long id, String error, Instant nextAttemptAt);

    @Query("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")
    long countUnsent();

    @Query("DELETE FROM mail_outbox WHERE sent_at IS NOT NULL AND sent_at < :before")
    int deleteSentBefore(Instant before);
}
