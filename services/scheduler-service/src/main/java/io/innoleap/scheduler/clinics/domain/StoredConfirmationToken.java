package io.innoleap.scheduler.clinics.domain;

import java.time.Instant;
import java.util.UUID;

/** What the store keeps for a token: its hash, the clinic it decides, expiry and when it was used (null = unused). */
public record StoredConfirmationToken(String tokenHash, UUID clinicId, Instant expiresAt, Instant usedAt) {
}
