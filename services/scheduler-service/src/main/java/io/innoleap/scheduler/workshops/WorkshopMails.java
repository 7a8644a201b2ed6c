package io.innoleap.scheduler.workshops;

import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.notifications.CalendarInvite;
import io.innoleap.scheduler.notifications.IcsWriter;
import io.innoleap.scheduler.notifications.MailContent;
import io.innoleap.scheduler.notifications.MailSettings;
import io.innoleap.scheduler.notifications.Templates;
import io.innoleap.scheduler.programme.ProgrammeTime;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A workshop's invitation, from the templates {@code views/workshops/invitation.*}: to the
 * participating agencies' contacts and the invited providers, with an .ics from the programme office
 * whose description is the text part.
 */
@Singleton
public class WorkshopMails {
    static final String VENUE_TO_BE_ANNOUNCED = "To be announced";

    private final Templates templates;
    private final MailSettings settings;
    private final ProgrammeTime time;

    public WorkshopMails(Templates templates, MailSettings settings) {
        this.templates = templates;
        this.settings = settings;
        this.time = new ProgrammeTime(settings.zone());
    }

    /** The workshop's calendar UID: its invitation, updates and cancellation all carry it. */
    public static String uid(java.util.UUID workshopId, MailSettings settings) {
        return IcsWriter.uid("workshop", workshopId, settings.uidDomain());
    }

    public MailContent invitation(WorkshopMailView w, Instant issuedAt) {
        String when = time.range(w.startsAt(), w.endsAt());
        String venue = w.venue() == null || w.venue().isBlank() ? VENUE_TO_BE_ANNOUNCED : w.venue();
        Map<String, Object> model = Map.of("programme", settings.programmeName(), "workshop", w, "when", when, "venue", venue);
        String text = templates.text("workshops/invitation", model);
        List<Contact> attendees = w.recipients();
        CalendarInvite invite = new CalendarInvite(uid(w.workshopId(), settings), 0,
                w.startsAt(), w.endsAt(), settings.programmeName() + " thematic workshop: " + w.theme(), text, venue,
                settings.organizer(), attendees, issuedAt, CalendarInvite.Method.REQUEST, settings.zone());
        return templates.mail("workshops/invitation", "Invitation: " + settings.programmeName() + " thematic workshop on "
                + w.theme() + ", " + when, model, List.of(IcsWriter.attachment("workshop-" + w.workshopId() + ".ics", invite)));
    }
}
