package io.innoleap.scheduler.clinics.domain;

import static io.innoleap.scheduler.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConfirmationTokensTest {
    private final ConfirmationTokens tokens = new ConfirmationTokens(ClinicPolicy.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static ConfirmationTokens at(Instant now) {
        return new ConfirmationTokens(ClinicPolicy.defaults(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void tokensCarry256RandomBitsInUrlSafeBase64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            IssuedConfirmationToken t = tokens.issue();
            assertThat(t.token()).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(t.token())).hasSize(32);
            assertThat(seen.add(t.token())).as("tokens never repeat").isTrue();
        }
    }

    @Test
    void onlyTheSha256HashIsMeantForStorage() {
        IssuedConfirmationToken t = tokens.issue();

        assertThat(t.tokenHash()).isEqualTo(ConfirmationTokens.hash(t.token())).matches("[0-9a-f]{64}").doesNotContain(t.token());
        // Known SHA-256 vector, so the stored format is pinned down.
        assertThat(ConfirmationTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void printingAnIssuedTokenDoesNotLeakIt() {
        IssuedConfirmationToken t = tokens.issue();

        assertThat(t.toString()).doesNotContain(t.token()).contains("redacted");
    }

    @Test
    void tokensExpireAfter72HoursByDefaultOrTheConfiguredTtl() {
        assertThat(tokens.issue().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(72)));
        ConfirmationTokens shortLived = new ConfirmationTokens(Duration.ofMinutes(30), new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(shortLived.issue().expiresAt()).isEqualTo(NOW.plusSeconds(1800));
    }

    @Test
    void aStoredUnusedTokenIsValidUntilItsExpiryInstant() {
        IssuedConfirmationToken t = tokens.issue();
        StoredConfirmationToken stored = new StoredConfirmationToken(t.tokenHash(), UUID.randomUUID(), t.expiresAt(), null);

        assertThat(tokens.assess(t.token(), stored)).isEqualTo(TokenStatus.VALID);
        assertThat(at(t.expiresAt().minusMillis(1)).assess(t.token(), stored)).isEqualTo(TokenStatus.VALID);
        assertThat(at(t.expiresAt()).assess(t.token(), stored)).isEqualTo(TokenStatus.EXPIRED);
        assertThat(at(t.expiresAt()).isExpired(stored)).isTrue();
        assertThat(tokens.isExpired(stored)).isFalse();
    }

    @Test
    void aUsedTokenStaysUsedEvenAfterItsExpiry() {
        IssuedConfirmationToken t = tokens.issue();
        StoredConfirmationToken used = new StoredConfirmationToken(t.tokenHash(), UUID.randomUUID(), t.expiresAt(), NOW.plusSeconds(60));

        assertThat(tokens.assess(t.token(), used)).isEqualTo(TokenStatus.USED);
        assertThat(at(t.expiresAt().plusSeconds(3600)).assess(t.token(), used)).isEqualTo(TokenStatus.USED);
    }

    @Test
    void forgedMalformedOrUnknownTokensAreNotFound() {
        IssuedConfirmationToken real = tokens.issue();
        IssuedConfirmationToken other = tokens.issue();
        StoredConfirmationToken stored = new StoredConfirmationToken(real.tokenHash(), UUID.randomUUID(), real.expiresAt(), null);

        assertThat(tokens.assess(other.token(), stored)).isEqualTo(TokenStatus.NOT_FOUND);
        assertThat(tokens.assess(real.token(), null)).isEqualTo(TokenStatus.NOT_FOUND);
        assertThat(tokens.assess(real.tokenHash(), stored)).as("the hash itself is not a token").isEqualTo(TokenStatus.NOT_FOUND);
        assertThat(tokens.assess("../../etc/passwd", stored)).isEqualTo(TokenStatus.NOT_FOUND);
        assertThat(tokens.assess(null, stored)).isEqualTo(TokenStatus.NOT_FOUND);
    }

    @Test
    void hashComparisonAcceptsOnlyTheRightToken() {
        IssuedConfirmationToken t = tokens.issue();

        assertThat(ConfirmationTokens.matches(t.token(), t.tokenHash())).isTrue();
        assertThat(ConfirmationTokens.matches(t.token() + "x", t.tokenHash())).isFalse();
        assertThat(ConfirmationTokens.matches(t.token(), t.tokenHash().toUpperCase())).isFalse();
        assertThat(ConfirmationTokens.matches(null, t.tokenHash())).isFalse();
        assertThat(ConfirmationTokens.isWellFormed(t.token())).isTrue();
        assertThat(ConfirmationTokens.isWellFormed(t.token() + "=")).isFalse();
    }

    @Test
    void aLinkNeverOutlivesTheStartOfItsClinic() {
        Instant clinicInTenHours = NOW.plus(Duration.ofHours(10));
        IssuedConfirmationToken soon = tokens.issueFor(clinicInTenHours);
        StoredConfirmationToken stored = new StoredConfirmationToken(soon.tokenHash(), UUID.randomUUID(), soon.expiresAt(), null);

        assertThat(soon.expiresAt()).isEqualTo(clinicInTenHours);
        assertThat(at(clinicInTenHours).assess(soon.token(), stored)).isEqualTo(TokenStatus.EXPIRED);
        assertThat(tokens.issueFor(NOW.plus(Duration.ofDays(30))).expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(72)));
    }
}
