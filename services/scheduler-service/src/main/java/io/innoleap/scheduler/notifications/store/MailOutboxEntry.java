package io.innoleap.scheduler.notifications.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One mail to one recipient, waiting to be (or already) sent. {@code toString} leaves the bodies out. */
@MappedEntity("mail_outbox")
public record MailOutboxEntry(
        @Id @GeneratedValue @Nullable Long id,
        String recipient,
        String subject,
        String textBody,
        String htmlBody,
        String attachments,
        Instant createdAt,
        Instant nextAttemptAt,
        @Nullable Instant sentAt,
        int attempts,
        @Nullable String lastError,
        @Nullable String dedupeKey,
        @Nullable Instant claimedUntil) {

    @Override
    public String toString() {
        return "MailOutboxEntry[id=" + id + ", subject=" + subject + ", attempts=" + attempts + ", sentAt=" + sentAt + "]";
    }
}
