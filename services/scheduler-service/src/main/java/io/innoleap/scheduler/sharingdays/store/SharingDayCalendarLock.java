package io.innoleap.scheduler.sharingdays.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.time.LocalDate;

/**
 * Bookings and moves of sharing days on one calendar day are decided one after the other: each takes
 * the day's row in {@code sharing_day_calendar_lock} (creating it the first time) and holds it until
 * its transaction ends, so two requests that race cannot both give a presenter a slot at the same
 * time. An insert-or-update takes the row's exclusive lock at once (an insert-if-absent followed by a
 * locking read would let two transactions share the row and then deadlock).
 */
@Singleton
public class SharingDayCalendarLock {

    private static final String LOCK = "INSERT INTO sharing_day_calendar_lock (local_date) VALUES (?) "
            + "ON DUPLICATE KEY UPDATE local_date = local_date";

    private final JdbcOperations jdbc;

    public SharingDayCalendarLock(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds {@code day} until the caller's transaction ends. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void hold(LocalDate day) {
        jdbc.prepareStatement(LOCK, ps -> {
            ps.setDate(1, Date.valueOf(day));
            return ps.executeUpdate();
        });
    }
}
