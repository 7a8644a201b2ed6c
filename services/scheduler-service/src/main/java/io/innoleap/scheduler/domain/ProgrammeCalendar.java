package io.innoleap.scheduler.domain;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * The programme's local calendar: its zone (Asia/Singapore by default) and the public holidays on
 * which nothing is booked. Event dates are always local dates in this zone.
 */
public record ProgrammeCalendar(ZoneId zone, Set<LocalDate> publicHolidays) {
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Singapore");

    public ProgrammeCalendar {
        Objects.requireNonNull(zone, "zone");
        publicHolidays = publicHolidays == null ? Set.of() : Set.copyOf(publicHolidays);
    }

    public static ProgrammeCalendar singapore() {
        return new ProgrammeCalendar(DEFAULT_ZONE, Set.of());
    }

    /** Monday to Friday and not a configured public holiday. */
    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !publicHolidays.contains(date);
    }

    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(zone));
    }
}
