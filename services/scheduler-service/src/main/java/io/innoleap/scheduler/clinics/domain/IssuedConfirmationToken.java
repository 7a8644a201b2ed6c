package io.innoleap.scheduler.clinics.domain;

import java.time.Instant;

/**
 * A freshly issued confirmation token. Only {@code tokenHash} and {@code expiresAt} are stored; the
 * raw {@code token} goes into the email link and nowhere else, so {@link #toString()} hides it
 * (records print every component, and a logged record must not leak a working link).
 */
public record IssuedConfirmationToken(String token, String tokenHash, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedConfirmationToken[token=<redacted>, tokenHash=" + tokenHash + ", expiresAt=" + expiresAt + "]";
    }
}
