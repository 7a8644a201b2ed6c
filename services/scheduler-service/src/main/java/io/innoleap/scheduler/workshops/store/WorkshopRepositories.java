package io.innoleap.scheduler.workshops.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Repositories of the workshop store. */
public final class WorkshopRepositories {
    private WorkshopRepositories() {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface Workshops extends CrudRepository<WorkshopEntity, UUID> {

        /** In date order; each workshop's id, theme and start are what the cadence rules need. */
        /** Workshops that take place (not cancelled), in date order: what the cadence counts. */
        @Query("SELECT * FROM workshop WHERE status <> 'CANCELLED' ORDER BY starts_at, id")
        List<WorkshopEntity> findAllInDateOrder();

        /** Scheduled (not cancelled) workshops starting in {@code (from, to]}: what reminders are for. */
        @Query("SELECT * FROM workshop WHERE status = 'SCHEDULED' AND starts_at > :from AND starts_at <= :to ORDER BY starts_at, id")
        List<WorkshopEntity> findScheduledStartingBetween(Instant from, Instant to);

        /** Locks the workshop's row until the transaction ends. */
        Optional<WorkshopEntity> findByIdForUpdate(UUID id);

        @Query(value = "SELECT * FROM workshop ORDER BY starts_at, id",
                countQuery = "SELECT COUNT(*) FROM workshop")
        Page<WorkshopEntity> list(Pageable pageable);

        @Query("SELECT * FROM workshop WHERE starts_at > :now AND status <> 'CANCELLED' ORDER BY starts_at, id")
        List<WorkshopEntity> findUpcoming(Instant now);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface WorkshopCalendar extends CrudRepository<WorkshopCalendarEntity, Integer> {
        /** {@code SELECT ... FOR UPDATE}: blocks other bookings until this transaction ends. */
        Optional<WorkshopCalendarEntity> findByIdForUpdate(Integer id);
    }
}
