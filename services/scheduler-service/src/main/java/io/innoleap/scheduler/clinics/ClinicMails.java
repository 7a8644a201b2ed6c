package io.innoleap.scheduler.clinics;

import io.innoleap.scheduler.clinics.domain.ConfirmationTokens;
import io.innoleap.scheduler.notifications.CalendarInvite;
import io.innoleap.scheduler.notifications.IcsWriter;
import io.innoleap.scheduler.notifications.MailContent;
import io.innoleap.scheduler.notifications.MailSettings;
import io.innoleap.scheduler.notifications.Templates;
import io.innoleap.scheduler.programme.ProgrammeTime;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The clinic's mails, from the templates under {@code views/clinics/} (text and HTML parts):
 * the confirmation request to the coordinator, "confirmed" with an .ics to the agency contact and
 * linked companies, "declined" and "expired" to the agency contact. Texts name no recipient but
 * the coordinator, so one rendering can go to every recipient.
 */
@Singleton
public class ClinicMails {
    public static final String CONFIRMATION_PATH = "/clinics/confirmations/";

    private final Templates templates;
    private final MailSettings settings;
    private final ProgrammeTime time;

    public ClinicMails(Templates templates, MailSettings settings) {
        this.templates = templates;
        this.settings = settings;
        this.time = new ProgrammeTime(settings.zone());
    }

    /** {@code {publicBaseUrl}/clinics/confirmations/{token}}; refuses anything that is not a token we issue. */
    public String confirmationUrl(String token) {
        if (!ConfirmationTokens.isWellFormed(token)) {
            throw new IllegalArgumentException("not a confirmation token");
        }
        return settings.publicBaseUrl() + CONFIRMATION_PATH + token;
    }

    /** Where a clinic takes place: the coordinator sends the details. */
    public static final String WHERE = "to be sent by the coordinator";

    /** The clinic's calendar UID: its invitation and its cancellation carry it. */
    public static String uid(java.util.UUID clinicId, MailSettings settings) {
        return IcsWriter.uid("clinic", clinicId, settings.uidDomain());
    }

    /** To the slot's coordinator: the clinic and the link to confirm or decline it. */
    public MailContent confirmationRequest(ClinicMailView clinic, String token, Instant linkExpiresAt) {
        Map<String, Object> model = model(clinic);
        model.put("url", confirmationUrl(token));
        model.put("expires", time.instant(linkExpiresAt));
        return templates.mail("clinics/confirmation-request", "Please confirm: " + settings.programmeName()
                + " clinic for " + clinic.agency().code() + " on \"" + clinic.problemTitle() + "\", " + when(clinic), model, List.of());
    }

    /** To the agency contact and linked companies: the clinic is on, with an .ics invitation from the coordinator. */
    public MailContent confirmed(ClinicMailView clinic, Instant issuedAt) {
        Map<String, Object> model = model(clinic);
        Details details = (Details) model.get("clinic");
        CalendarInvite invite = new CalendarInvite(uid(clinic.clinicId(), settings), 0,
                clinic.startsAt(), clinic.endsAt(), settings.programmeName() + " clinic: " + clinic.problemTitle(),
                templates.text("clinics/details", model), details.where(), clinic.coordinator().asContact(),
                clinic.confirmedRecipients(), issuedAt, CalendarInvite.Method.REQUEST, settings.zone());
        return templates.mail("clinics/confirmed", "Clinic confirmed: \"" + clinic.problemTitle() + "\", " + when(clinic), model,
                List.of(IcsWriter.attachment("clinic-" + clinic.clinicId() + ".ics", invite)));
    }

    /** To the agency contact: the coordinator declined, the slot is free again. */
    public MailContent declined(ClinicMailView clinic) {
        return templates.mail("clinics/declined", "Clinic not confirmed: \"" + clinic.problemTitle() + "\", " + when(clinic),
                model(clinic), List.of());
    }

    /** To the agency contact: nobody answered the link in time, so the slot was released. */
    public MailContent expired(ClinicMailView clinic) {
        Map<String, Object> model = model(clinic);
        model.put("titleOnOneLine", clinic.problemTitle().replaceAll("[\\r\\n]+", " "));
        return templates.mail("clinics/expired", "Clinic request expired: " + clinic.problemTitle(), model, List.of());
    }

    /** The variables every clinic mail and page template shares: {@code programme} and {@code clinic} ({@link Details}). */
    public Map<String, Object> model(ClinicMailView c) {
        List<String> companies = c.linkedCompanies().stream().map(ClinicMailView.LinkedCompany::organisationName).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("programme", settings.programmeName());
        model.put("clinic", new Details(c.problemTitle(), c.agency().name() + " (" + c.agency().code() + ")", when(c),
                c.location() == null || c.location().isBlank() ? WHERE : c.location(),
                c.coordinator().name(), c.coordinator().email(), companies,
                companies.isEmpty() ? "none yet" : String.join(", ", companies)));
        return model;
    }

    private String when(ClinicMailView c) {
        return time.range(c.startsAt(), c.endsAt());
    }

    /** The clinic as the templates show it: text ready to print (times in the programme zone, fallbacks applied). */
    public record Details(String problemTitle, String agency, String when, String where, String coordinatorName,
                          String coordinatorEmail, List<String> companies, String companyList) {
    }
}
