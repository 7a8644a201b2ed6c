package io.innoleap.scheduler.programme;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A country's public holidays for any year, from the Jollyday library's rules (fixed dates, Easter,
 * the Islamic calendar, substitute days when a holiday falls on a Sunday). Jollyday knows the
 * Chinese-lunar and Hindu-calendar holidays (Chinese New Year, Vesak Day, Deepavali) only for the
 * years listed in its data; the programme office adds those of later years as closures
 * ({@code innoleap.programme.closures}) once they are gazetted.
 */
public interface PublicHolidays {

    /** The country's name in English, for messages ("Singapore"). */
    String country();

    /** The public holidays of {@code year}: date to English name. */
    Map<LocalDate, String> of(int year);

    static PublicHolidays none() {
        return new PublicHolidays() {
            @Override
            public String country() {
                return "no country";
            }

            @Override
            public Map<LocalDate, String> of(int year) {
                return Map.of();
            }
        };
    }

    /** The public holidays of a Jollyday calendar by its code ({@code sg} for Singapore). */
    static PublicHolidays of(String countryCode) {
        String code = countryCode.strip().toLowerCase(Locale.ROOT);
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(code));
        String country = new Locale("", code.toUpperCase(Locale.ROOT)).getDisplayCountry(Locale.ENGLISH);
        String name = country.isBlank() ? code.toUpperCase(Locale.ROOT) : country;
        return new PublicHolidays() {
            @Override
            public String country() {
                return name;
            }

            @Override
            public Map<LocalDate, String> of(int year) {
                Map<LocalDate, String> days = new TreeMap<>();
                for (Holiday h : manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY)) {
                    String description = h.getDescription(Locale.ENGLISH);
                    // The day off (a Sunday holiday's Monday) and the holiday itself are both closed.
                    add(days, h.getDate(), description);
                    h.getObservedDate().ifPresent(d -> add(days, d, description));
                    if (h.getActualDate() != null) {
                        add(days, h.getActualDate(), description);
                    }
                }
                return Map.copyOf(days);
            }
        };
    }

    private static void add(Map<LocalDate, String> days, LocalDate date, String name) {
        days.merge(date, name, (a, b) -> a.equals(b) ? a : a + ", " + b);
    }
}
