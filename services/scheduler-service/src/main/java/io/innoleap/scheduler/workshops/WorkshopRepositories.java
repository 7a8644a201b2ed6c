package io.innoleap.scheduler.workshops;

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
        @Query("SELECT * FROM workshop ORDER BY starts_at, id")
        List<WorkshopEntity> findAllInDateOrder();

        @Query(value = "SELECT * FROM workshop ORDER BY starts_at, id",
                countQuery = "SELECT COUNT(*) FROM workshop")
        Page<WorkshopEntity> list(Pageable pageable);

        @Query("SELECT * FROM workshop WHERE starts_at > :now ORDER BY starts_at, id")
        List<WorkshopEntity> findUpcoming(Instant now);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface WorkshopCalendar extends CrudRepository<WorkshopCalendarEntity, Integer> {
        /** {@code SELECT ... FOR UPDATE}: blocks other bookings until this transaction ends. */
        Optional<WorkshopCalendarEntity> findByIdForUpdate(Integer id);
    }
}
