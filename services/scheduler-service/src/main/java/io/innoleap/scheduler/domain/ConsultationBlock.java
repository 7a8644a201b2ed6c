package io.innoleap.scheduler.domain;

import java.time.OffsetDateTime;

/** The single consultation block that closes a sharing day. */
public record ConsultationBlock(OffsetDateTime startsAt, OffsetDateTime endsAt) {
}
