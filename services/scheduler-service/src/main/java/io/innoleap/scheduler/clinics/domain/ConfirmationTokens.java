package io.innoleap.scheduler.clinics.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Clinic confirmation tokens: 32 random bytes (256 bits) from {@link SecureRandom}, URL-safe base64
 * without padding (43 characters), so they are unguessable and safe in a path. Only the SHA-256 hash
 * (64 lowercase hex characters) is stored: a leaked database cannot confirm clinics, and lookups go
 * by hash. A plain hash (no salt or slow KDF) is enough because the input has 256 bits of entropy.
 *
 * <p>Single use and expiry are decided by {@link #assess}; the store must mark the token used in the
 * same transaction as the state change (e.g. {@code UPDATE ... WHERE used_at IS NULL}).
 */
public final class ConfirmationTokens {
    public static final int TOKEN_BYTES = 32;
    private static final Pattern WELL_FORMED = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Duration ttl;
    private final SecureRandom random;
    private final Clock clock;

    public ConfirmationTokens(Duration ttl, SecureRandom random, Clock clock) {
        this.ttl = Objects.requireNonNull(ttl);
        this.random = Objects.requireNonNull(random);
        this.clock = Objects.requireNonNull(clock);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }

    public ConfirmationTokens(ClinicPolicy policy, Clock clock) {
        this(policy.confirmationTtl(), new SecureRandom(), clock);
    }

    /** A token that expires after the configured TTL (72 h by default). */
    public IssuedConfirmationToken issue() {
        return issue(null);
    }

    /**
     * A token for a clinic starting at {@code clinicStartsAt}: it expires after the TTL or when the
     * clinic starts, whichever is first, so nobody confirms a clinic that has already begun and
     * the expiry job releases the hold in time.
     */
    public IssuedConfirmationToken issueFor(Instant clinicStartsAt) {
        return issue(Objects.requireNonNull(clinicStartsAt, "clinicStartsAt"));
    }

    private IssuedConfirmationToken issue(Instant notAfter) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = ENCODER.encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(ttl);
        if (notAfter != null && notAfter.isBefore(expiresAt)) {
            expiresAt = notAfter;
        }
        return new IssuedConfirmationToken(token, hash(token), expiresAt);
    }

    /** Cheap shape check before touching the database; a token we never issued fails it or the lookup. */
    public static boolean isWellFormed(String token) {
        return token != null && WELL_FORMED.matcher(token).matches();
    }

    /** SHA-256 of the token's UTF-8 bytes, lowercase hex. */
    public static String hash(String token) {
        Objects.requireNonNull(token, "token");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@code presentedToken} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matches(String presentedToken, String storedHash) {
        if (presentedToken == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presentedToken).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Judges a presented token against what the store found for its hash ({@code null} = nothing).
     * Malformed or unknown tokens are NOT_FOUND; then USED beats EXPIRED (an answered link says so
     * even after its expiry); a token is expired from its {@code expiresAt} instant on.
     */
    public TokenStatus assess(String presentedToken, StoredConfirmationToken stored) {
        if (!isWellFormed(presentedToken) || stored == null || !matches(presentedToken, stored.tokenHash())) {
            return TokenStatus.NOT_FOUND;
        }
        if (stored.usedAt() != null) {
            return TokenStatus.USED;
        }
        return clock.instant().isBefore(stored.expiresAt()) ? TokenStatus.VALID : TokenStatus.EXPIRED;
    }

    /** For the expiry job: a pending clinic whose token expired by {@code now} should be released. */
    public boolean isExpired(StoredConfirmationToken stored) {
        return !clock.instant().isBefore(stored.expiresAt());
    }

    public Duration ttl() {
        return ttl;
    }
}
