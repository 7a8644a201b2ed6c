package io.innoleap.scheduler.sharingdays.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.UUID;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface SharingDayRepository extends CrudRepository<SharingDayEntity, UUID> {

    /** In date order; {@code themeSlug} applies only when given. */
    @Query(value = "SELECT * FROM sharing_day WHERE (:theme IS NULL OR theme = :theme) ORDER BY starts_at, id",
            countQuery = "SELECT COUNT(*) FROM sharing_day WHERE (:theme IS NULL OR theme = :theme)")
    Page<SharingDayEntity> list(@io.micronaut.core.annotation.Nullable String theme, Pageable pageable);

    /** Scheduled (not cancelled) sharing days starting in {@code (from, to]}: what reminders are for. */
    @Query("SELECT * FROM sharing_day WHERE status = 'SCHEDULED' AND starts_at > :from AND starts_at <= :to ORDER BY starts_at, id")
    java.util.List<SharingDayEntity> findScheduledStartingBetween(java.time.Instant from, java.time.Instant to);

    /**
     * Scheduled (not cancelled) sharing days on a calendar day: whose presenters are busy when. A
     * locking read, so it sees what was committed up to now, not the transaction's snapshot taken at
     * its first read (under REPEATABLE READ a plain read after waiting for the day's lock would miss
     * the sharing day booked by the request it waited for).
     */
    @Query("SELECT * FROM sharing_day WHERE status = 'SCHEDULED' AND local_date = :date ORDER BY starts_at, id FOR UPDATE")
    java.util.List<SharingDayEntity> findScheduledOn(java.time.LocalDate date);

    /** Locks the sharing day's row until the transaction ends. */
    java.util.Optional<SharingDayEntity> findByIdForUpdate(UUID id);
}
