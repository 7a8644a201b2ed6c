package io.innoleap.scheduler.sharingdays.domain;

import java.time.OffsetDateTime;

/** The single consultation block that closes a sharing day. */
public record ConsultationBlock(OffsetDateTime startsAt, OffsetDateTime endsAt) {
}
