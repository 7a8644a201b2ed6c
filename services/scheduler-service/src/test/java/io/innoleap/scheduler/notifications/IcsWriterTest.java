package io.innoleap.scheduler.notifications;

import static io.innoleap.scheduler.notifications.MailFixtures.ENDS;
import static io.innoleap.scheduler.notifications.MailFixtures.ISSUED;
import static io.innoleap.scheduler.notifications.MailFixtures.STARTS;
import static io.innoleap.scheduler.notifications.MailFixtures.lines;
import static io.innoleap.scheduler.notifications.MailFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.innoleap.contracts.events.Contact;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.junit.jupiter.api.Test;

class IcsWriterTest {
    private static final java.time.ZoneId SINGAPORE = java.time.ZoneId.of("Asia/Singapore");
    private static final String DESCRIPTION = "Agenda: intro, demo; Q&A\nSecond line with a \\ backslash and ünïcödé "
            + "and a long sentence that certainly needs folding because it is longer than seventy-five octets.";

    private static CalendarInvite invite() {
        return new CalendarInvite("clinic-" + UUID.nameUUIDFromBytes(new byte[] {1}) + "@match.innoleap.example", 2, STARTS, ENDS,
                "InnoLeap clinic: Bus bunching", DESCRIPTION, "Room 3-01, Innovation Hub",
                new Contact("Ann Lee", "ann@innoleap.example"),
                List.of(new Contact("Tan Wei Ling", "tan_wei_ling@lta.gov.sg"), new Contact("Priya Nair", "priya@aurora.example"),
                        new Contact("Tan again", "TAN_WEI_LING@lta.gov.sg")), ISSUED, CalendarInvite.Method.REQUEST, SINGAPORE);
    }

    @Test
    void writesARequestThatParsesBackWithEveryField() throws Exception {
        String ics = IcsWriter.write(invite());
        Calendar calendar = parse(ics);

        assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        assertThat(calendar.getProperty("VERSION").orElseThrow().getValue()).isEqualTo("2.0");
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        VEvent event = events.get(0);
        assertThat(event.getProperty("UID").orElseThrow().getValue()).isEqualTo(invite().uid());
        assertThat(event.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("2");
        assertThat(event.getProperty("SUMMARY").orElseThrow().getValue()).isEqualTo("InnoLeap clinic: Bus bunching");
        assertThat(event.getProperty("LOCATION").orElseThrow().getValue()).isEqualTo("Room 3-01, Innovation Hub");
        assertThat(event.getProperty("DESCRIPTION").orElseThrow().getValue()).isEqualTo(DESCRIPTION);
        // Local times with the zone named and its VTIMEZONE in the calendar, so every reader shows 09:30 in Singapore.
        assertThat(event.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20270114T093000");
        assertThat(event.getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow().getValue())
                .isEqualTo("Asia/Singapore");
        assertThat(event.getProperty("DTEND").orElseThrow().getValue()).isEqualTo("20270114T103000");
        assertThat(calendar.<net.fortuna.ical4j.model.component.VTimeZone>getComponents("VTIMEZONE"))
                .extracting(tz -> tz.getProperty("TZID").orElseThrow().getValue())
                .containsExactly("Asia/Singapore");
        assertThat(event.getProperty("DTSTAMP").orElseThrow().getValue()).isEqualTo("20261123T020000Z");
        Temporal start = event.getDateTimeStart().getDate();
        assertThat(Instant.from(start)).isEqualTo(STARTS);

        var organizer = event.getProperty("ORGANIZER").orElseThrow();
        assertThat(organizer.getValue()).isEqualToIgnoringCase("mailto:ann@innoleap.example");
        assertThat(organizer.getParameter("CN").map(Parameter::getValue)).contains("Ann Lee");

        List<Attendee> attendees = event.getProperties("ATTENDEE");
        assertThat(attendees).extracting(a -> a.getCalAddress().getSchemeSpecificPart())
                .as("one ATTENDEE per email, case-insensitively")
                .containsExactly("tan_wei_ling@lta.gov.sg", "priya@aurora.example");
        assertThat(attendees.get(0).getParameter("CN").map(Parameter::getValue)).contains("Tan Wei Ling");
        assertThat(attendees.get(0).getParameter("RSVP").map(Parameter::getValue)).contains("TRUE");
        assertThat(attendees.get(0).getParameter("ROLE").map(Parameter::getValue)).contains("REQ-PARTICIPANT");
    }

    @Test
    void outputUsesCrlfAndFoldsLongLines() {
        String ics = IcsWriter.write(invite());

        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains("METHOD:REQUEST\r\n").endsWith("END:VCALENDAR\r\n");
        for (String line : ics.split("\r\n")) {
            // ical4j folds at 75 characters (RFC 5545 asks, as a SHOULD, for 75 octets; parsers accept longer).
            assertThat(line.length()).as(line).isLessThanOrEqualTo(75);
        }
    }

    @Test
    void theSameBookingAlwaysGetsTheSameUidAndBytes() {
        UUID booking = UUID.randomUUID();
        assertThat(IcsWriter.uid("clinic", booking, "match.innoleap.example"))
                .isEqualTo("clinic-" + booking + "@match.innoleap.example")
                .isNotEqualTo(IcsWriter.uid("workshop", booking, "match.innoleap.example"));
        assertThat(IcsWriter.write(invite())).isEqualTo(IcsWriter.write(invite()));
    }

    @Test
    void aBareCarriageReturnInTextCannotStartAPropertyLine() throws Exception {
        // ical4j escapes LF in TEXT values but would write a lone CR as it is.
        CalendarInvite invite = new CalendarInvite("x@match.innoleap.example", 0, STARTS, ENDS, "Bus\rLOCATION:https://evil.example/a",
                "Line one\rLOCATION:https://evil.example/b\r\nLine three", "Room 1\rLOCATION:https://evil.example/c",
                new Contact("Ann\rLee", "ann@innoleap.example"), List.of(), ISSUED, CalendarInvite.Method.REQUEST, SINGAPORE);
        String ics = IcsWriter.write(invite);

        assertThat(lines(ics)).noneMatch(l -> l.startsWith("LOCATION:https")).filteredOn(l -> l.startsWith("LOCATION"))
                .containsExactly("LOCATION:Room 1 LOCATION:https://evil.example/c");
        assertThat(ics.replace("\r\n", "")).as("every CR ends a line").doesNotContain("\r");
        VEvent event = parse(ics).<VEvent>getComponents("VEVENT").get(0);
        assertThat(event.getProperty("DESCRIPTION").orElseThrow().getValue())
                .isEqualTo("Line one\nLOCATION:https://evil.example/b\nLine three");
        assertThat(event.getProperty("ORGANIZER").orElseThrow().getParameter("CN").map(Parameter::getValue)).contains("Ann Lee");
    }

    @Test
    void theAttachmentSaysItIsAnInvitationRequest() {
        MailAttachment a = IcsWriter.attachment("clinic.ics", invite());

        assertThat(a.contentType()).isEqualTo("text/calendar; charset=UTF-8; method=REQUEST");
        assertThat(a.contentAsUtf8()).isEqualTo(IcsWriter.write(invite()));
    }
}
