package io.innoleap.scheduler;

import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.programme.PublicHolidays;
import io.innoleap.scheduler.notifications.MailSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Beans shared by every feature of the scheduler (workshops, sharing days, clinics): the
 * programme calendar and the mail settings, built once from configuration. Feature-specific
 * rule objects (planners, slot rules) are made by each feature's own factory.
 */
@Factory
public class SchedulerBeans {

    /**
     * The zone, the country's public holidays ({@code innoleap.programme.country}, a Jollyday calendar
     * code, default {@code sg}) and the programme's own closures: {@code innoleap.programme.closures},
     * a list of {@code YYYY-MM-DD} dates, each optionally followed by a space and a name
     * ({@code 2027-02-08 Chinese New Year}); the older {@code innoleap.scheduler.public-holidays} list
     * is read as closures too.
     */
    @Singleton
    ProgrammeCalendar programmeCalendar(@Value("${innoleap.scheduler.zone:Asia/Singapore}") String zone,
                                        @Value("${innoleap.programme.country:sg}") String country,
                                        @Value("${innoleap.programme.closures:}") List<String> closures,
                                        @Value("${innoleap.scheduler.public-holidays:}") List<String> legacyHolidays) {
        Map<LocalDate, String> closed = new TreeMap<>();
        for (List<String> list : List.of(closures == null ? List.<String>of() : closures,
                legacyHolidays == null ? List.<String>of() : legacyHolidays)) {
            for (String entry : list) {
                if (entry == null || entry.isBlank()) {
                    continue;
                }
                String s = entry.strip();
                int space = s.indexOf(' ');
                LocalDate date = LocalDate.parse(space < 0 ? s : s.substring(0, space));
                closed.putIfAbsent(date, space < 0 ? "" : s.substring(space + 1).strip());
            }
        }
        PublicHolidays holidays = country == null || country.isBlank() || country.strip().equalsIgnoreCase("none")
                ? PublicHolidays.none() : PublicHolidays.of(country);
        return new ProgrammeCalendar(ZoneId.of(zone), holidays, closed);
    }

    @Singleton
    MailSettings mailSettings(ProgrammeCalendar calendar,
                              @Value("${innoleap.scheduler.public-base-url}") String publicBaseUrl,
                              @Value("${innoleap.scheduler.programme-name:InnoLeap}") String programmeName,
                              @Value("${micronaut.email.from.email:programme@innoleap.example}") String fromEmail,
                              @Value("${micronaut.email.from.name:InnoLeap Programme Office}") String fromName) {
        return new MailSettings(publicBaseUrl, calendar.zone(), programmeName, new Contact(fromName, fromEmail));
    }

}
