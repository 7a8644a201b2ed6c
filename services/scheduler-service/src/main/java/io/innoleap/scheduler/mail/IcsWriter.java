package io.innoleap.scheduler.mail;

import io.innoleap.scheduler.domain.Contact;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * Writes iCalendar invitations with ical4j: {@code METHOD:REQUEST}, one VEVENT with UID, SEQUENCE,
 * DTSTAMP, DTSTART/DTEND in UTC (no VTIMEZONE needed, every client converts), SUMMARY, LOCATION,
 * DESCRIPTION, ORGANIZER and one ATTENDEE per distinct email (REQ-PARTICIPANT, NEEDS-ACTION, RSVP).
 */
public final class IcsWriter {
    public static final String CONTENT_TYPE = "text/calendar; charset=UTF-8; method=REQUEST";
    static final String PROD_ID = "-//InnoLeap//Scheduler//EN";

    private IcsWriter() {
    }

    /** Stable UID for a booking: {@code <kind>-<bookingId>@<domain>}, e.g. {@code clinic-…@match.innoleap.sg}. */
    public static String uid(String kind, UUID bookingId, String domain) {
        return kind + "-" + bookingId + "@" + domain;
    }

    public static String write(CalendarInvite invite) {
        VEvent event = new VEvent(invite.start(), invite.end(), invite.summary());
        event.replace(new DtStamp(invite.stamp()));
        event.add(new Uid(invite.uid()));
        event.add(new Sequence(invite.sequence()));
        event.add(ImmutableStatus.VEVENT_CONFIRMED);
        if (invite.location() != null && !invite.location().isBlank()) {
            event.add(new Location(invite.location()));
        }
        if (invite.description() != null && !invite.description().isBlank()) {
            event.add(new Description(invite.description()));
        }
        Organizer organizer = new Organizer(mailto(invite.organizer().email()));
        organizer.add(new Cn(invite.organizer().name()));
        event.add(organizer);

        Map<String, Contact> distinct = new LinkedHashMap<>();
        invite.attendees().forEach(c -> distinct.putIfAbsent(c.email().strip().toLowerCase(Locale.ROOT), c));
        for (Contact c : distinct.values()) {
            Attendee attendee = new Attendee(mailto(c.email()));
            attendee.add(new Cn(c.name()));
            attendee.add(Role.REQ_PARTICIPANT);
            attendee.add(PartStat.NEEDS_ACTION);
            attendee.add(Rsvp.TRUE);
            event.add(attendee);
        }

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PROD_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.REQUEST);
        calendar.add(event);

        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("could not write the invitation " + invite.uid(), e);
        }
        return out.toString();
    }

    public static MailAttachment attachment(String fileName, CalendarInvite invite) {
        return new MailAttachment(fileName, CONTENT_TYPE, write(invite).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static URI mailto(String email) {
        try {
            // The three-argument constructor quotes characters that are illegal in a URI.
            return new URI("mailto", email.strip(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not usable as a calendar address: " + email, e);
        }
    }
}
