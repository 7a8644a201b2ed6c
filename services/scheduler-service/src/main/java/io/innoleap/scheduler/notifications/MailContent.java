package io.innoleap.scheduler.notifications;

import java.util.List;
import java.util.Objects;

/**
 * One email's content: a subject, a plain-text part, an HTML part and attachments. The subject is
 * made one line here (control characters and line separators become spaces, at most 200
 * characters), so no user text in it can add a mail header. {@code toString} leaves the bodies
 * out because a confirmation request's body holds a live link.
 */
public record MailContent(String subject, String text, String html, List<MailAttachment> attachments) {
    static final int MAX_SUBJECT = 200;

    public MailContent {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        subject = oneLine(subject);
        attachments = List.copyOf(attachments);
    }

    /** {@code raw} as a header can carry it: control characters and line separators become spaces, at most 200 characters. */
    static String oneLine(String raw) {
        String s = raw.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ").strip();
        return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT - 1) + "…";
    }

    @Override
    public String toString() {
        return "MailContent[subject=" + subject + ", attachments=" + attachments + "]";
    }
}
