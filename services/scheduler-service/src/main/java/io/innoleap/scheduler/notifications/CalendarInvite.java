package io.innoleap.scheduler.notifications;

import io.innoleap.contracts.events.Contact;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What goes into one .ics invitation. {@code uid} must be stable per booking (see
 * {@link IcsWriter#uid}) so a later update with a higher {@code sequence} replaces the event in the
 * recipient's calendar instead of adding a second one. {@code stamp} is DTSTAMP (when it was issued).
 * {@code method} REQUEST (an invitation or its update) or CANCEL (the event is called off);
 * {@code zone}: the times are written in that zone (the venue's) with its VTIMEZONE.
 */
public record CalendarInvite(String uid, int sequence, Instant start, Instant end, String summary, String description,
                             String location, Contact organizer, List<Contact> attendees, Instant stamp,
                             Method method, ZoneId zone) {

    public enum Method { REQUEST, CANCEL }

    public CalendarInvite {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(organizer, "organizer");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(zone, "zone");
        attendees = List.copyOf(attendees);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start");
        }
    }
}
