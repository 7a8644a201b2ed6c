package io.innoleap.scheduler.mail;

import io.innoleap.scheduler.domain.Agency;
import io.innoleap.scheduler.domain.Contact;
import io.innoleap.scheduler.domain.Coordinator;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;

final class MailFixtures {
    static final ZoneId SGT = ZoneId.of("Asia/Singapore");
    static final MailSettings SETTINGS = new MailSettings("https://match.innoleap.example/", SGT, "InnoLeap",
            new Contact("InnoLeap Programme Office", "programme@innoleap.example"));
    static final Instant STARTS = Instant.parse("2027-01-14T01:30:00Z"); // Thu 09:30 in Singapore
    static final Instant ENDS = Instant.parse("2027-01-14T02:30:00Z");
    static final Instant ISSUED = Instant.parse("2026-11-23T02:00:00Z");
    static final UUID CLINIC_ID = UUID.fromString("4b0f3c39-5f3e-4e3c-9a57-0f6d0d1f6c11");
    // A syntactically valid token (43 URL-safe base64 characters).
    static final String TOKEN = "q7Zx3Jm1L0b_9Kc-8YwRtU2vN5sP4eHaD6gF0iQyXoA";

    private MailFixtures() {
    }

    static ClinicMailView clinic(String problemTitle) {
        return new ClinicMailView(CLINIC_ID, problemTitle, new Agency("LTA", "Land Transport Authority", "transport"),
                new Contact("Tan Wei Ling", "tan_wei_ling@lta.gov.sg"), new Coordinator("Ann Lee", "ann@innoleap.example"),
                STARTS, ENDS, "Room 3-01, Innovation Hub",
                List.of(new ClinicMailView.LinkedCompany("Aurora Robotics Pte Ltd", new Contact("Priya Nair", "priya@aurora.example")),
                        new ClinicMailView.LinkedCompany("Beacon Labs", new Contact("Wei", "TAN_WEI_LING@lta.gov.sg")),
                        new ClinicMailView.LinkedCompany("Citrine AI", null)));
    }

    static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }
}
