package io.innoleap.scheduler.programme;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The programme's local calendar: its zone (Asia/Singapore by default) and the days on which nothing
 * is booked: weekends, the country's public holidays (computed for any year by {@link PublicHolidays})
 * and the programme's own closures (configured dates). Event dates are always local dates in this zone.
 */
public final class ProgrammeCalendar {
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Singapore");

    private final ZoneId zone;
    private final PublicHolidays publicHolidays;
    private final Map<LocalDate, String> closures;
    private final Map<Integer, Map<LocalDate, String>> holidaysByYear = new ConcurrentHashMap<>();

    /**
     * @param publicHolidays the country's public holidays ({@link PublicHolidays#none()} for none)
     * @param closures extra days the programme is closed, each with its name (may be blank)
     */
    public ProgrammeCalendar(ZoneId zone, PublicHolidays publicHolidays, Map<LocalDate, String> closures) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.publicHolidays = Objects.requireNonNull(publicHolidays, "publicHolidays");
        this.closures = closures == null ? Map.of() : Map.copyOf(closures);
    }

    /** A calendar with no public holidays, only the given closure dates. */
    public ProgrammeCalendar(ZoneId zone, Set<LocalDate> closures) {
        this(zone, PublicHolidays.none(), closures == null ? Map.of()
                : closures.stream().collect(Collectors.toMap(Function.identity(), d -> "")));
    }

    /** Singapore's zone and public holidays, no extra closures. */
    public static ProgrammeCalendar singapore() {
        return new ProgrammeCalendar(DEFAULT_ZONE, PublicHolidays.of("sg"), Map.of());
    }

    public ZoneId zone() {
        return zone;
    }

    /** Monday to Friday, not a public holiday and not a programme closure. */
    public boolean isWorkingDay(LocalDate date) {
        return !isWeekend(date) && closedDay(date).isEmpty();
    }

    public static boolean isWeekend(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    /** Why {@code date} is closed although it may be a weekday: a public holiday or a programme closure. */
    public Optional<ClosedDay> closedDay(LocalDate date) {
        String holiday = holidaysByYear.computeIfAbsent(date.getYear(), publicHolidays::of).get(date);
        if (holiday != null) {
            return Optional.of(new ClosedDay(date, ClosedDay.Kind.PUBLIC_HOLIDAY, holiday, publicHolidays.country()));
        }
        String closure = closures.get(date);
        if (closure != null) {
            return Optional.of(new ClosedDay(date, ClosedDay.Kind.PROGRAMME_CLOSURE, closure, publicHolidays.country()));
        }
        return Optional.empty();
    }

    /** Throws {@link ClosedDayException} when {@code date} is a public holiday or a programme closure. */
    public void requireOpen(LocalDate date) {
        closedDay(date).ifPresent(c -> {
            throw new ClosedDayException(c);
        });
    }

    /** The public holidays of {@code year} (date to name), as the calendar knows them. */
    public Map<LocalDate, String> publicHolidays(int year) {
        return holidaysByYear.computeIfAbsent(year, publicHolidays::of);
    }

    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(zone));
    }
}
