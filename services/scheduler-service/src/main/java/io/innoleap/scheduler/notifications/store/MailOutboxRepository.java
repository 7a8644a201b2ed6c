package io.innoleap.scheduler.notifications.store;

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
              AND (claimed_until IS NULL OR claimed_until <= :now)
            ORDER BY id LIMIT :limit""")
    List<MailOutboxEntry> findDue(Instant now, int maxAttempts, int limit);

    /** Claims an unsent row until {@code until}: 1 = this dispatcher may send it, 0 = another has it or it is sent. */
    @Query("""
            UPDATE mail_outbox SET claimed_until = :until
            WHERE id = :id AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= :now)""")
    int claim(Long id, Instant until, Instant now);

    boolean existsByDedupeKey(String dedupeKey);

    @Query("SELECT COUNT(*) FROM mail_outbox WHERE dedupe_key LIKE :prefix")
    long countByDedupeKeyPrefix(String prefix);

    /** Drops queued, unsent mails whose key starts with {@code prefix} (reminders of a moved or cancelled booking). */
    @Query("DELETE FROM mail_outbox WHERE sent_at IS NULL AND dedupe_key LIKE :prefix")
    int deleteUnsentByDedupeKeyPrefix(String prefix);

    @Query("UPDATE mail_outbox SET sent_at = :sentAt, attempts = attempts + 1, last_error = NULL WHERE id = :id")
    void markSent(Long id, Instant sentAt);

    @Query("UPDATE mail_outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :nextAttemptAt, claimed_until = NULL WHERE id = :id")
    void recordFailure(Long id, String error, Instant nextAttemptAt);

    @Query("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")
    long countUnsent();

    /** Unsent mails still being tried (due now or waiting for their next attempt). */
    @Query("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND attempts < :maxAttempts")
    long countPending(int maxAttempts);

    /** When the oldest unsent mail still being tried was queued; null when there is none. */
    @Query("SELECT MIN(created_at) FROM mail_outbox WHERE sent_at IS NULL AND attempts < :maxAttempts")
    @io.micronaut.core.annotation.Nullable
    Instant oldestPending(int maxAttempts);

    /** Unsent mails that used up their attempts and wait for an operator. */
    @Query("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND attempts >= :maxAttempts")
    long countGivenUp(int maxAttempts);

    @Query("DELETE FROM mail_outbox WHERE sent_at IS NOT NULL AND sent_at < :before")
    int deleteSentBefore(Instant before);
}
