package io.innoleap.scheduler.sharingdays;

import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.notifications.CalendarInvite;
import io.innoleap.scheduler.notifications.ChangeMails;
import io.innoleap.scheduler.notifications.IcsWriter;
import io.innoleap.scheduler.notifications.MailContent;
import io.innoleap.scheduler.notifications.MailSettings;
import io.innoleap.scheduler.notifications.Templates;
import io.innoleap.scheduler.programme.ProgrammeTime;
import io.innoleap.scheduler.sharingdays.api.SharingDayViews.Presenter;
import io.innoleap.scheduler.sharingdays.store.SharingDayEntity;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A sharing day's mails (templates {@code views/sharingdays/*}): each presenter is invited to their own
 * slot (an .ics for the slot, the consultation block in the text); the audience agencies' contacts to
 * the whole day (an .ics for the day, the agenda in the text). Each calendar event has its own UID
 * (the day's, or the day's plus the presenter's profile), so updates and cancellations replace them.
 */
@Singleton
public class SharingDayMails {
    static final String VENUE_TO_BE_ANNOUNCED = "To be announced";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final Templates templates;
    private final MailSettings settings;
    private final ProgrammeTime time;

    public SharingDayMails(Templates templates, MailSettings settings) {
        this.templates = templates;
        this.settings = settings;
        this.time = new ProgrammeTime(settings.zone());
    }

    /** What the templates show of the day. */
    public record Day(String theme, String audience) {
    }

    public String dayUid(UUID sharingDayId) {
        return IcsWriter.uid("sharing-day", sharingDayId, settings.uidDomain());
    }

    public String slotUid(UUID sharingDayId, UUID solutionProfileId) {
        return "sharing-day-" + sharingDayId + "-presenter-" + solutionProfileId + "@" + settings.uidDomain();
    }

    public MailContent presenterInvitation(SharingDayEntity d, Presenter p, Contact contact, Instant issuedAt) {
        Map<String, Object> model = model(d);
        String slot = time.range(p.startsAt().toInstant(), p.endsAt().toInstant());
        model.put("presenter", p.organisationName());
        model.put("slot", slot);
        String text = templates.text("sharingdays/presenter", model);
        CalendarInvite invite = new CalendarInvite(slotUid(d.id(), p.solutionProfileId()), 0, p.startsAt().toInstant(),
                p.endsAt().toInstant(), settings.programmeName() + " sharing day: presentation by " + p.organisationName(),
                text, venue(d), settings.organizer(), List.of(contact), issuedAt, CalendarInvite.Method.REQUEST, settings.zone());
        return templates.mail("sharingdays/presenter", "Invitation to present: " + settings.programmeName()
                + " sharing day on " + d.theme() + ", " + slot, model,
                List.of(IcsWriter.attachment("sharing-day-" + d.id() + "-slot.ics", invite)));
    }

    public MailContent audienceInvitation(SharingDayEntity d, List<Contact> attendees, Instant issuedAt) {
        Map<String, Object> model = model(d);
        String text = templates.text("sharingdays/audience", model);
        CalendarInvite invite = new CalendarInvite(dayUid(d.id()), 0, d.startsAt(), d.consultationEndsAt(),
                settings.programmeName() + " sharing day on " + d.theme(), text, venue(d), settings.organizer(), attendees,
                issuedAt, CalendarInvite.Method.REQUEST, settings.zone());
        return templates.mail("sharingdays/audience", "Invitation: " + settings.programmeName() + " sharing day on "
                + d.theme() + ", " + model.get("when"), model,
                List.of(IcsWriter.attachment("sharing-day-" + d.id() + ".ics", invite)));
    }

    /** The day as a calendar event of the audience: SEQUENCE = the sharing day's version. */
    public ChangeMails.Booking dayEvent(SharingDayEntity d, List<Contact> attendees) {
        return new ChangeMails.Booking(dayUid(d.id()), (int) d.version(), "sharing day on " + d.theme(),
                "sharing-day-" + d.id() + ".ics", d.startsAt(), d.consultationEndsAt(), venue(d), attendees);
    }

    /** One presenter's slot as a calendar event: SEQUENCE = the sharing day's version. */
    public ChangeMails.Booking slotEvent(SharingDayEntity d, Presenter p, Contact contact) {
        return new ChangeMails.Booking(slotUid(d.id(), p.solutionProfileId()), (int) d.version(),
                "sharing day on " + d.theme() + ": presentation by " + p.organisationName(),
                "sharing-day-" + d.id() + "-slot.ics", p.startsAt().toInstant(), p.endsAt().toInstant(), venue(d),
                List.of(contact));
    }

    private Map<String, Object> model(SharingDayEntity d) {
        Map<String, Object> model = new HashMap<>();
        model.put("programme", settings.programmeName());
        model.put("day", new Day(d.theme(), String.join(", ", d.agencyCodes())));
        model.put("when", time.range(d.startsAt(), d.consultationEndsAt()));
        model.put("venue", venue(d));
        model.put("consultation", time.range(d.consultationStartsAt(), d.consultationEndsAt()));
        List<String> agenda = new java.util.ArrayList<>(d.presenters().stream()
                .map(p -> HH_MM.format(p.startsAt().atZoneSameInstant(settings.zone())) + "-"
                        + HH_MM.format(p.endsAt().atZoneSameInstant(settings.zone())) + " " + p.organisationName())
                .toList());
        agenda.add(HH_MM.format(d.consultationStartsAt().atZone(settings.zone())) + "-"
                + HH_MM.format(d.consultationEndsAt().atZone(settings.zone())) + " Consultation with the agencies");
        model.put("agenda", agenda);
        return model;
    }

    static String venue(SharingDayEntity d) {
        return d.venue() == null || d.venue().isBlank() ? VENUE_TO_BE_ANNOUNCED : d.venue();
    }
}
