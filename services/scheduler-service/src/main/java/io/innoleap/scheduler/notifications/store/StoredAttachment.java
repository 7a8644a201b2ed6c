package io.innoleap.scheduler.notifications.store;

import io.micronaut.serde.annotation.Serdeable;

/** An attachment as the mail outbox stores it (JSON in a TEXT column): bytes as base64. */
@Serdeable
public record StoredAttachment(String fileName, String contentType, String base64) {
}
