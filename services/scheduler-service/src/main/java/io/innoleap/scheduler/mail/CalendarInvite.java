package io.innoleap.scheduler.mail;

import io.innoleap.scheduler.domain.Contact;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What goes into one .ics invitation. {@code uid} must be stable per booking (see
 * {@link IcsWriter#uid}) so a later update with a higher {@code sequence} replaces the event in the
 * recipient's calendar instead of adding a second one. {@code stamp} is DTSTAMP (when it was issued).
 */
public record CalendarInvite(String uid, int sequence, Instant start, Instant end, String summary, String description,
                             String location, Contact organizer, List<Contact> attendees, Instant stamp) {
    public CalendarInvite {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(organizer, "organizer");
        Objects.requireNonNull(stamp, "stamp");
        attendees = List.copyOf(attendees);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start");
        }
    }
}
