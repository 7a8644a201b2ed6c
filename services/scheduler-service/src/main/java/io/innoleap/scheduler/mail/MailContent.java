package io.innoleap.scheduler.mail;

import java.util.List;
import java.util.Objects;

/**
 * One email's content: a single-line subject, a plain-text part, an HTML part and attachments.
 * {@code toString} leaves the bodies out because a confirmation request's body holds a live link.
 */
public record MailContent(String subject, String text, String html, List<MailAttachment> attachments) {
    public MailContent {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        attachments = List.copyOf(attachments);
    }

    @Override
    public String toString() {
        return "MailContent[subject=" + subject + ", attachments=" + attachments + "]";
    }
}
