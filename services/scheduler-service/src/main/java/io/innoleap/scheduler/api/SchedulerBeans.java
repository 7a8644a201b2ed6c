package io.innoleap.scheduler.api;

import io.innoleap.scheduler.domain.Contact;
import io.innoleap.scheduler.domain.ProgrammeCalendar;
import io.innoleap.scheduler.mail.MailSettings;
import io.innoleap.scheduler.mail.SchedulerMails;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Beans shared by every feature of the scheduler (workshops, sharing days, clinics): the
 * programme calendar and the mail renderers, built once from configuration. Feature-specific
 * rule objects (planners, slot rules) are made by each feature's own factory.
 */
@Factory
public class SchedulerBeans {

    @Singleton
    ProgrammeCalendar programmeCalendar(@Value("${innoleap.scheduler.zone:Asia/Singapore}") String zone,
                                        @Value("${innoleap.scheduler.public-holidays:}") List<String> holidays) {
        Set<LocalDate> dates = holidays == null ? Set.of() : holidays.stream()
                .filter(h -> h != null && !h.isBlank())
                .map(h -> LocalDate.parse(h.strip()))
                .collect(Collectors.toSet());
        return new ProgrammeCalendar(ZoneId.of(zone), dates);
    }

    @Singleton
    MailSettings mailSettings(ProgrammeCalendar calendar,
                              @Value("${innoleap.scheduler.public-base-url}") String publicBaseUrl,
                              @Value("${innoleap.scheduler.programme-name:InnoLeap}") String programmeName,
                              @Value("${micronaut.email.from.email:programme@innoleap.example}") String fromEmail,
                              @Value("${micronaut.email.from.name:InnoLeap Programme Office}") String fromName) {
        return new MailSettings(publicBaseUrl, calendar.zone(), programmeName, new Contact(fromName, fromEmail));
    }

    @Singleton
    SchedulerMails schedulerMails(MailSettings settings) {
        return new SchedulerMails(settings);
    }
}
