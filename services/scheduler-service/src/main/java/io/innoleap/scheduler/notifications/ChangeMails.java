package io.innoleap.scheduler.notifications;

import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.programme.ProgrammeTime;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mails of a booking changed after its invitation (templates {@code views/changes/*}): a reschedule
 * whose .ics is METHOD:REQUEST and a cancellation whose .ics is METHOD:CANCEL with STATUS:CANCELLED.
 * Both carry the invitation's UID and a higher SEQUENCE, so calendars update the event they hold
 * instead of adding one; times are written in the programme zone (TZID and its VTIMEZONE).
 */
@Singleton
public class ChangeMails {

    /**
     * One booking as its calendar event knows it. {@code what} reads "thematic workshop on cloud";
     * {@code organizer} is the invitation's (null: the programme office).
     */
    public record Booking(String uid, int sequence, String what, String fileName, Instant startsAt, Instant endsAt,
                          String venue, List<Contact> attendees, @Nullable Contact organizer) {
        public Booking(String uid, int sequence, String what, String fileName, Instant startsAt, Instant endsAt,
                       String venue, List<Contact> attendees) {
            this(uid, sequence, what, fileName, startsAt, endsAt, venue, attendees, null);
        }
    }

    private final Templates templates;
    private final MailSettings settings;
    private final ProgrammeTime time;

    public ChangeMails(Templates templates, MailSettings settings) {
        this.templates = templates;
        this.settings = settings;
        this.time = new ProgrammeTime(settings.zone());
    }

    public MailContent rescheduled(Booking now, Instant previousStart, Instant previousEnd, String previousVenue,
                                   Instant issuedAt) {
        String when = time.range(now.startsAt(), now.endsAt());
        Map<String, Object> model = new HashMap<>(Map.of("programme", settings.programmeName(), "what", now.what(),
                "when", when, "venue", now.venue(), "previousWhen", time.range(previousStart, previousEnd),
                "previousVenue", previousVenue));
        String text = templates.text("changes/rescheduled", model);
        CalendarInvite invite = invite(now, text, CalendarInvite.Method.REQUEST, issuedAt);
        return templates.mail("changes/rescheduled", "Changed: " + settings.programmeName() + " " + now.what() + ", now "
                + when, model, List.of(IcsWriter.attachment(now.fileName(), invite)));
    }

    public MailContent cancelled(Booking booking, @Nullable String reason, Instant issuedAt) {
        String when = time.range(booking.startsAt(), booking.endsAt());
        Map<String, Object> model = new HashMap<>(Map.of("programme", settings.programmeName(), "what", booking.what(),
                "when", when, "venue", booking.venue()));
        model.put("reason", reason == null || reason.isBlank() ? null : reason.strip());
        String text = templates.text("changes/cancelled", model);
        CalendarInvite invite = invite(booking, text, CalendarInvite.Method.CANCEL, issuedAt);
        return templates.mail("changes/cancelled", "Cancelled: " + settings.programmeName() + " " + booking.what() + ", "
                + when, model, List.of(IcsWriter.attachment(booking.fileName(), invite)));
    }

    /** A reminder of a booking that is coming up: no calendar file (the invitation already holds the event). */
    public MailContent reminder(Booking booking, Instant issuedAt) {
        String when = time.range(booking.startsAt(), booking.endsAt());
        Map<String, Object> model = new HashMap<>(Map.of("programme", settings.programmeName(), "what", booking.what(),
                "when", when, "venue", booking.venue()));
        return templates.mail("changes/reminder", "Reminder: " + settings.programmeName() + " " + booking.what() + ", "
                + when, model, List.of());
    }

    /** The cancellation without a calendar update: for someone who never got the invitation. */
    public MailContent cancelledWithoutCalendar(Booking booking, @Nullable String reason) {
        String when = time.range(booking.startsAt(), booking.endsAt());
        Map<String, Object> model = new HashMap<>(Map.of("programme", settings.programmeName(), "what", booking.what(),
                "when", when, "venue", booking.venue()));
        model.put("reason", reason == null || reason.isBlank() ? null : reason.strip());
        return templates.mail("changes/cancelled-notice", "Cancelled: " + settings.programmeName() + " " + booking.what()
                + ", " + when, model, List.of());
    }

    private CalendarInvite invite(Booking b, String description, CalendarInvite.Method method, Instant issuedAt) {
        return new CalendarInvite(b.uid(), b.sequence(), b.startsAt(), b.endsAt(), settings.programmeName() + " " + b.what(),
                description, b.venue(), b.organizer() == null ? settings.organizer() : b.organizer(), b.attendees(), issuedAt,
                method, settings.zone());
    }
}
