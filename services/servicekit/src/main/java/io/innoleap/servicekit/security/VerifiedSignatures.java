package io.innoleap.servicekit.security;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers which access tokens' signatures were verified, so a client that sends the same token
 * on every request pays for the RSA check once, not every time. Only the signature check is
 * cached, keyed by the whole token (header, payload and signature): the claims (expiry, issuer,
 * audience) are still checked on every request, and a changed payload is a different key. An
 * entry lives at most {@code innoleap.security.verified-signature-ttl} (default 5 minutes), so a key
 * the provider withdraws stops being trusted soon; at most 10,000 tokens are remembered.
 */
@Singleton
public class VerifiedSignatures implements BeanCreatedEventListener<ReactiveJsonWebTokenSignatureValidator<SignedJWT>> {

    private static final int MAX_TOKENS = 10_000;
    private final long ttlNanos;
    private final AtomicLong hits = new AtomicLong();

    public VerifiedSignatures(@Value("${innoleap.security.verified-signature-ttl:5m}") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public ReactiveJsonWebTokenSignatureValidator<SignedJWT> onCreated(
            BeanCreatedEvent<ReactiveJsonWebTokenSignatureValidator<SignedJWT>> event) {
        return new Caching(event.getBean(), ttlNanos, hits);
    }

    /** How many signature checks were answered from memory (for metrics and tests). */
    public long hits() {
        return hits.get();
    }

    static final class Caching implements ReactiveJsonWebTokenSignatureValidator<SignedJWT> {
        private final ReactiveJsonWebTokenSignatureValidator<SignedJWT> delegate;
        private final long ttlNanos;
        private final AtomicLong hits;
        private final Map<String, Long> verifiedAt = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > MAX_TOKENS;
            }
        });

        Caching(ReactiveJsonWebTokenSignatureValidator<SignedJWT> delegate, long ttlNanos, AtomicLong hits) {
            this.delegate = delegate;
            this.ttlNanos = ttlNanos;
            this.hits = hits;
        }

        @Override
        public Publisher<Boolean> validateSignature(SignedJWT token) {
            String key = token.getParsedString();
            if (key == null) {
                return delegate.validateSignature(token);
            }
            Long at = verifiedAt.get(key);
            if (at != null && System.nanoTime() - at < ttlNanos) {
                hits.incrementAndGet();
                return Publishers.just(Boolean.TRUE);
            }
            return Publishers.map(delegate.validateSignature(token), valid -> {
                if (Boolean.TRUE.equals(valid)) {
                    verifiedAt.put(key, System.nanoTime());
                }
                return valid;
            });
        }
    }
}
