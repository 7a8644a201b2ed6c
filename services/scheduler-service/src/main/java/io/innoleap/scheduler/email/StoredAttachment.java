package io.innoleap.scheduler.email;

import io.micronaut.serde.annotation.Serdeable;

/** An attachment as the mail outbox stores it (JSON in a TEXT column): bytes as base64. */
@Serdeable
record StoredAttachment(String fileName, String contentType, String base64) {
}
