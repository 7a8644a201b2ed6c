package io.innoleap.scheduler;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.Horizon;
import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;
import io.innoleap.scheduler.readmodel.ProviderMatch;
import io.innoleap.scheduler.workshops.domain.ExistingWorkshop;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/** Shared test data: readable names become stable UUIDs. "Now" is Mon 23 Nov 2026, 10:00 in Singapore. */
public final class Fixtures {
    public static final ZoneId SGT = ZoneId.of("Asia/Singapore");
    public static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final ProgrammeCalendar CALENDAR = ProgrammeCalendar.singapore();

    private Fixtures() {
    }

    public static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    public static Agency agency(String code, String domain) {
        return new Agency(code, code + " Authority", domain);
    }

    public static OpenProblemStatement problem(String title, String agencyCode, String domain, Horizon horizon, String... themes) {
        return new OpenProblemStatement(id(title), agency(agencyCode, domain), Set.of(themes), horizon, title,
                new Contact(agencyCode + " Contact", agencyCode.toLowerCase() + "@agency.gov.sg"));
    }

    public static OpenProblemStatement problem(String title, String agencyCode, String... themes) {
        return problem(title, agencyCode, "transport", Horizon.LONG_TERM, themes);
    }

    public static ProviderMatch match(String organisation, double score, String... sharedThemes) {
        return new ProviderMatch(id(organisation), organisation, score, Set.of(sharedThemes));
    }

    public static ExistingWorkshop workshop(String theme, LocalDate date) {
        return new ExistingWorkshop(id(theme + date), theme, date.atTime(LocalTime.of(9, 30)).atZone(SGT).toInstant());
    }
}
