package io.innoleap.scheduler.notifications;

import io.innoleap.contracts.events.Contact;
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
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
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
 * Writes iCalendar invitations with ical4j, after removing the control characters through which
 * user text could add a line ({@link #oneLine}, {@link #multiLine}): {@code METHOD:REQUEST} (or
 * {@code METHOD:CANCEL} with {@code STATUS:CANCELLED}), one VEVENT with UID, SEQUENCE, DTSTAMP,
 * DTSTART/DTEND in the invite's zone (TZID) with that zone's VTIMEZONE, SUMMARY, LOCATION,
 * DESCRIPTION, ORGANIZER and one ATTENDEE per distinct email (REQ-PARTICIPANT, NEEDS-ACTION, RSVP).
 */
public final class IcsWriter {
    public static final String CONTENT_TYPE = "text/calendar; charset=UTF-8; method=REQUEST";
    public static final String CANCEL_CONTENT_TYPE = "text/calendar; charset=UTF-8; method=CANCEL";
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();
    static final String PROD_ID = "-//InnoLeap//Scheduler//EN";

    private IcsWriter() {
    }

    /** Stable UID for a booking: {@code <kind>-<bookingId>@<domain>}, e.g. {@code clinic-…@match.innoleap.sg}. */
    public static String uid(String kind, UUID bookingId, String domain) {
        return kind + "-" + bookingId + "@" + domain;
    }

    public static String write(CalendarInvite invite) {
        boolean cancel = invite.method() == CalendarInvite.Method.CANCEL;
        VTimeZone timeZone = ZONES.getTimeZone(invite.zone().getId()).getVTimeZone();
        VEvent event = new VEvent(invite.start().atZone(invite.zone()), invite.end().atZone(invite.zone()),
                oneLine(invite.summary()));
        event.replace(new DtStamp(invite.stamp()));
        event.add(new Uid(invite.uid()));
        event.add(new Sequence(invite.sequence()));
        event.add(cancel ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        if (invite.location() != null && !invite.location().isBlank()) {
            event.add(new Location(oneLine(invite.location())));
        }
        if (invite.description() != null && !invite.description().isBlank()) {
            event.add(new Description(multiLine(invite.description())));
        }
        Organizer organizer = new Organizer(mailto(invite.organizer().email()));
        organizer.add(new Cn(displayName(invite.organizer())));
        event.add(organizer);

        Map<String, Contact> distinct = new LinkedHashMap<>();
        invite.attendees().forEach(c -> distinct.putIfAbsent(c.email().strip().toLowerCase(Locale.ROOT), c));
        for (Contact c : distinct.values()) {
            Attendee attendee = new Attendee(mailto(c.email()));
            attendee.add(new Cn(displayName(c)));
            attendee.add(Role.REQ_PARTICIPANT);
            attendee.add(PartStat.NEEDS_ACTION);
            attendee.add(Rsvp.TRUE);
            event.add(attendee);
        }

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PROD_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        calendar.add(timeZone);
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
        String type = invite.method() == CalendarInvite.Method.CANCEL ? CANCEL_CONTENT_TYPE : CONTENT_TYPE;
        return new MailAttachment(fileName, type, write(invite).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A person's name for a CN parameter: one line, or the address when there is no name. ical4j
     * quotes CN and encodes LF and DQUOTE (RFC 6868), but passes a bare CR through.
     */
    static String displayName(Contact contact) {
        String name = contact.name() == null ? "" : oneLine(contact.name());
        return name.isEmpty() ? contact.email().strip() : name;
    }

    /**
     * Single-line TEXT (SUMMARY, LOCATION) and parameter values: every control character becomes a
     * space. ical4j escapes LF in TEXT values but writes a bare CR as it is, which some readers
     * take for a line end, so user text could otherwise start a property line of its own.
     */
    static String oneLine(String value) {
        return value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    /** Multi-line TEXT (DESCRIPTION): line breaks kept as LF (ical4j escapes them), other controls but TAB dropped. */
    static String multiLine(String value) {
        return value.replaceAll("\\r\\n?|[\\u2028\\u2029]", "\n").replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
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
