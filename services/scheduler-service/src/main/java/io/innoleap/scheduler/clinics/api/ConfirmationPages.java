package io.innoleap.scheduler.clinics.api;

import io.innoleap.scheduler.clinics.ClinicMailView;
import io.innoleap.scheduler.clinics.ClinicMails;
import io.innoleap.scheduler.clinics.domain.ConfirmationTokens;
import io.innoleap.scheduler.clinics.domain.TokenStatus;
import io.innoleap.scheduler.notifications.MailSettings;
import io.innoleap.scheduler.notifications.Templates;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * The pages behind a confirmation link, from the templates under {@code views/clinics/}. The form
 * page changes nothing by being shown (mail scanners prefetch links); its two buttons POST
 * {@code decision=CONFIRM|DECLINE} to the same path, which is a path only, so it posts back to
 * whatever origin served the page. The pages load nothing and run no script; the controller adds
 * {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}.
 */
@Singleton
public class ConfirmationPages {
    private final Templates templates;
    private final ClinicMails mails;
    private final MailSettings settings;

    public ConfirmationPages(Templates templates, ClinicMails mails, MailSettings settings) {
        this.templates = templates;
        this.mails = mails;
        this.settings = settings;
    }

    /** GET/HEAD on a valid link for a pending clinic: the clinic and the Confirm / Decline form. 200. */
    public PageContent form(ClinicMailView clinic, String token) {
        if (!ConfirmationTokens.isWellFormed(token)) {
            throw new IllegalArgumentException("not a confirmation token");
        }
        Map<String, Object> model = mails.model(clinic);
        model.put("title", "Confirm clinic: " + clinic.problemTitle());
        model.put("action", ClinicMails.CONFIRMATION_PATH + token);
        return page(200, "clinics/page-form", model);
    }

    /** After CONFIRM. 200. */
    public PageContent confirmed(ClinicMailView clinic) {
        Map<String, Object> model = mails.model(clinic);
        model.put("title", "Clinic confirmed");
        return page(200, "clinics/page-confirmed", model);
    }

    /** After DECLINE. 200. */
    public PageContent declined(ClinicMailView clinic) {
        Map<String, Object> model = mails.model(clinic);
        model.put("title", "Clinic declined");
        return page(200, "clinics/page-declined", model);
    }

    /**
     * Links that cannot be used: USED and EXPIRED answer 410 (Gone: the link existed and will never
     * work again), NOT_FOUND 404. Nothing about the clinic is shown.
     */
    public PageContent unusable(TokenStatus status) {
        return switch (status) {
            case USED -> simple(410, "Link already used", "This confirmation link has already been used, so it cannot change the clinic again.");
            case EXPIRED -> simple(410, "Link expired", "This confirmation link has expired and the slot hold has been released."
                    + " Please contact the " + settings.programmeName() + " programme office if the clinic should still take place.");
            case NOT_FOUND -> simple(404, "Link not found", "This confirmation link is not valid. Please check that the whole address was copied from the email.");
            case VALID -> throw new IllegalArgumentException("a valid link is not unusable");
        };
    }

    private PageContent simple(int status, String title, String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("message", message);
        return page(status, "clinics/page-unusable", model);
    }

    private PageContent page(int status, String template, Map<String, Object> model) {
        return new PageContent(status, (String) model.get("title"), templates.html(template, model));
    }
}
