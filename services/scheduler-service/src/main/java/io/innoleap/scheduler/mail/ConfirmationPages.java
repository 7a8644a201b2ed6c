package io.innoleap.scheduler.mail;

import io.innoleap.scheduler.domain.ConfirmationTokens;
import io.innoleap.scheduler.domain.TokenStatus;
import java.util.Objects;

/**
 * The pages behind a confirmation link. The form page changes nothing by being shown (mail
 * scanners prefetch links); its two buttons POST {@code decision=CONFIRM|DECLINE} to the same
 * path. The form action is a path, so it posts back to whatever origin served the page. The
 * controller should also send {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}.
 */
public final class ConfirmationPages {
    private final MailSettings settings;
    private final ProgrammeTime time;

    public ConfirmationPages(MailSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.time = new ProgrammeTime(settings.zone());
    }

    /** GET/HEAD on a valid link for a pending clinic: the clinic and the Confirm / Decline form. 200. */
    public PageContent form(ClinicMailView clinic, String token) {
        if (!ConfirmationTokens.isWellFormed(token)) {
            throw new IllegalArgumentException("not a confirmation token");
        }
        String title = "Confirm clinic: " + clinic.problemTitle();
        String body = "<h1 style=\"font-size:22px\">Please confirm this clinic</h1>\n"
                + "<p>" + Html.escape(ClinicDetails.agency(clinic)) + " has asked for a " + Html.escape(settings.programmeName())
                + " clinic in your slot.</p>\n"
                + ClinicDetails.html(clinic, time) + "\n"
                + "<form method=\"post\" action=\"" + SchedulerMails.CONFIRMATION_PATH + token + "\" style=\"margin-top:20px\">\n"
                + "<button type=\"submit\" name=\"decision\" value=\"CONFIRM\" style=\"padding:10px 18px;margin-right:12px;background:#1b7f3b;color:#fff;border:0;border-radius:4px\">Confirm</button>\n"
                + "<button type=\"submit\" name=\"decision\" value=\"DECLINE\" style=\"padding:10px 18px;background:#b3261e;color:#fff;border:0;border-radius:4px\">Decline</button>\n"
                + "</form>\n<p style=\"color:#555\">Your answer can be given once.</p>";
        return new PageContent(200, title, Layout.document(title, body, true));
    }

    /** After CONFIRM. 200. */
    public PageContent confirmed(ClinicMailView clinic) {
        String title = "Clinic confirmed";
        String body = "<h1 style=\"font-size:22px\">Clinic confirmed</h1>\n<p>Thank you. The agency contact and the linked companies"
                + " will receive a calendar invitation.</p>\n" + ClinicDetails.html(clinic, time);
        return new PageContent(200, title, Layout.document(title, body, true));
    }

    /** After DECLINE. 200. */
    public PageContent declined(ClinicMailView clinic) {
        String title = "Clinic declined";
        String body = "<h1 style=\"font-size:22px\">Clinic declined</h1>\n<p>The slot has been released and the agency has been told.</p>\n"
                + ClinicDetails.html(clinic, time);
        return new PageContent(200, title, Layout.document(title, body, true));
    }

    /** Links that cannot be used: USED and EXPIRED answer 410, NOT_FOUND 404. Nothing about the clinic is shown. */
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
        return new PageContent(status, title, Layout.document(title,
                "<h1 style=\"font-size:22px\">" + Html.escape(title) + "</h1>\n<p>" + Html.escape(message) + "</p>", true));
    }
}
