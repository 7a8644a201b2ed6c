package io.innoleap.scheduler.mail;

import io.innoleap.scheduler.domain.ConfirmationTokens;
import io.innoleap.scheduler.domain.Contact;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Renders the scheduler's emails. Recipients are the caller's choice; the views offer the usual
 * lists ({@link ClinicMailView#confirmedRecipients()}, {@link WorkshopMailView#recipients()}).
 * Texts address no one by name so one rendering can go to every recipient.
 */
public final class SchedulerMails {
    public static final String CONFIRMATION_PATH = "/clinics/confirmations/";

    private final MailSettings settings;
    private final ProgrammeTime time;

    public SchedulerMails(MailSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.time = new ProgrammeTime(settings.zone());
    }

    /** {@code {publicBaseUrl}/clinics/confirmations/{token}}; refuses anything that is not a token we issue. */
    public String confirmationUrl(String token) {
        if (!ConfirmationTokens.isWellFormed(token)) {
            throw new IllegalArgumentException("not a confirmation token");
        }
        return settings.publicBaseUrl() + CONFIRMATION_PATH + token;
    }

    /** To the slot's coordinator: the clinic and the link to confirm or decline it. */
    public MailContent clinicConfirmationRequest(ClinicMailView clinic, String token, Instant linkExpiresAt) {
        String url = confirmationUrl(token);
        String when = time.range(clinic.startsAt(), clinic.endsAt());
        String subject = Layout.subject("Please confirm: " + settings.programmeName() + " clinic for " + clinic.agency().code()
                + " on \"" + clinic.problemTitle() + "\", " + when);
        String text = "Hello " + clinic.coordinator().name() + ",\n\n"
                + ClinicDetails.agency(clinic) + " has asked for a clinic in your slot.\n\n"
                + ClinicDetails.text(clinic, time) + "\n"
                + "Open this link to confirm or decline:\n" + url + "\n\n"
                + "The link works once and expires " + time.instant(linkExpiresAt) + ". Until you answer, the slot is held for this clinic.\n\n"
                + "-- " + settings.programmeName() + "\n";
        String html = Layout.document(subject, "<p>Hello " + Html.escape(clinic.coordinator().name()) + ",</p>\n"
                + "<p>" + Html.escape(ClinicDetails.agency(clinic)) + " has asked for a clinic in your slot.</p>\n"
                + ClinicDetails.html(clinic, time) + "\n"
                + "<p><a href=\"" + Html.escape(url) + "\" style=\"display:inline-block;padding:10px 18px;background:#0b5cab;color:#fff;text-decoration:none;border-radius:4px\">Review and confirm or decline</a></p>\n"
                + "<p>The link works once and expires " + Html.escape(time.instant(linkExpiresAt))
                + ". Until you answer, the slot is held for this clinic.</p>\n"
                + "<p>If the button does not work, copy this address into your browser:<br>" + Html.escape(url) + "</p>", false);
        return new MailContent(subject, text, html, List.of());
    }

    /** To the agency contact and linked companies: the clinic is on, with an .ics invitation from the coordinator. */
    public MailContent clinicConfirmed(ClinicMailView clinic, Instant issuedAt) {
        String when = time.range(clinic.startsAt(), clinic.endsAt());
        String subject = Layout.subject("Clinic confirmed: \"" + clinic.problemTitle() + "\", " + when);
        String intro = "The coordinator has confirmed this " + settings.programmeName() + " clinic. A calendar invitation is attached.";
        String text = intro + "\n\n" + ClinicDetails.text(clinic, time) + "\n-- " + settings.programmeName() + "\n";
        String html = Layout.document(subject, "<p>" + Html.escape(intro) + "</p>\n" + ClinicDetails.html(clinic, time), false);
        CalendarInvite invite = new CalendarInvite(IcsWriter.uid("clinic", clinic.clinicId(), settings.uidDomain()), 0,
                clinic.startsAt(), clinic.endsAt(), settings.programmeName() + " clinic: " + clinic.problemTitle(),
                ClinicDetails.text(clinic, time), ClinicDetails.location(clinic), clinic.coordinator().asContact(),
                clinic.confirmedRecipients(), issuedAt);
        return new MailContent(subject, text, html, List.of(IcsWriter.attachment("clinic-" + clinic.clinicId() + ".ics", invite)));
    }

    /** To the agency contact: the coordinator declined, the slot is free again. */
    public MailContent clinicDeclined(ClinicMailView clinic) {
        String when = time.range(clinic.startsAt(), clinic.endsAt());
        String subject = Layout.subject("Clinic not confirmed: \"" + clinic.problemTitle() + "\", " + when);
        String intro = "The coordinator could not take this " + settings.programmeName()
                + " clinic, so it will not take place and the slot has been released. Please request another available slot.";
        String text = intro + "\n\n" + ClinicDetails.text(clinic, time) + "\n-- " + settings.programmeName() + "\n";
        String html = Layout.document(subject, "<p>" + Html.escape(intro) + "</p>\n" + ClinicDetails.html(clinic, time), false);
        return new MailContent(subject, text, html, List.of());
    }

    /** To participants (agency contacts) and invited providers, with an .ics from the programme office. */
    public MailContent workshopInvitation(WorkshopMailView w, Instant issuedAt) {
        String when = time.range(w.startsAt(), w.endsAt());
        String venue = w.venue() == null || w.venue().isBlank() ? "To be announced" : w.venue();
        String subject = Layout.subject("Invitation: " + settings.programmeName() + " thematic workshop on " + w.theme() + ", " + when);
        String intro = "You are invited to a " + settings.programmeName() + " thematic workshop on " + w.theme()
                + ", where agencies bring their problem statements to meet solution providers. A calendar invitation is attached.";

        StringBuilder text = new StringBuilder(intro).append("\n\nWhen: ").append(when).append("\nWhere: ").append(venue).append("\n\nAgencies and their problem statements:\n");
        w.agencies().forEach(a -> {
            text.append("- ").append(a.agency().name()).append(" (").append(a.agency().code()).append(")\n");
            a.problemTitles().forEach(t -> text.append("    * ").append(t).append('\n'));
        });
        text.append("\nInvited solution providers:\n");
        w.providers().forEach(p -> text.append("- ").append(p.organisationName()).append('\n'));
        text.append("\n-- ").append(settings.programmeName()).append('\n');

        String agenciesHtml = w.agencies().stream().map(a -> "<li>" + Html.escape(a.agency().name() + " (" + a.agency().code() + ")")
                + a.problemTitles().stream().map(t -> "<li>" + Html.escape(t) + "</li>").collect(Collectors.joining("", "<ul>", "</ul>"))
                + "</li>").collect(Collectors.joining("", "<ul>", "</ul>"));
        String providersHtml = w.providers().stream().map(p -> "<li>" + Html.escape(p.organisationName()) + "</li>")
                .collect(Collectors.joining("", "<ul>", "</ul>"));
        String html = Layout.document(subject, "<p>" + Html.escape(intro) + "</p>\n<table style=\"border-collapse:collapse\">\n"
                + Layout.row("When", Html.escape(when)) + Layout.row("Where", Html.escape(venue)) + "</table>\n"
                + "<h3>Agencies and their problem statements</h3>\n" + agenciesHtml + "\n"
                + "<h3>Invited solution providers</h3>\n" + providersHtml, false);

        List<Contact> attendees = w.recipients();
        CalendarInvite invite = new CalendarInvite(IcsWriter.uid("workshop", w.workshopId(), settings.uidDomain()), 0,
                w.startsAt(), w.endsAt(), settings.programmeName() + " thematic workshop: " + w.theme(), text.toString(), venue,
                settings.organizer(), attendees, issuedAt);
        return new MailContent(subject, text.toString(), html,
                List.of(IcsWriter.attachment("workshop-" + w.workshopId() + ".ics", invite)));
    }
}
