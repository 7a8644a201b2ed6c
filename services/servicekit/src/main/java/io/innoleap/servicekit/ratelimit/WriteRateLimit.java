package io.innoleap.servicekit.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.innoleap.servicekit.api.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-principal limit on writes ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under
 * {@code /api}): a token bucket per {@code sub} (Bucket4j), {@code capacity} writes at once and
 * {@code refill-per-second} after that. Over the limit: 429 problem+json with {@code Retry-After}.
 * The defaults are far above what a person or the demo does; a runaway script is slowed down.
 * Buckets live in each replica's memory: N replicas allow N times the rate in total.
 */
@Singleton
@ServerFilter(value = "/api/**", methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
public class WriteRateLimit implements Ordered {

    private static final int MAX_PRINCIPALS = 10_000;

    private final long capacity;
    private final long refillPerSecond;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_PRINCIPALS;
        }
    });

    public WriteRateLimit(@Value("${innoleap.rate-limit.writes.capacity:5000}") long capacity,
                          @Value("${innoleap.rate-limit.writes.refill-per-second:300}") long refillPerSecond) {
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
    }

    /** Runs after the security filter, so the caller is known; an anonymous write is refused there first. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        String principal = request.getUserPrincipal(Authentication.class).map(Authentication::getName).orElse(null);
        if (principal == null) {
            return null;
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(principal, p -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1));
        return Problems.response(request, HttpStatus.TOO_MANY_REQUESTS,
                        "Too many writes from you in a short time: retry after " + retryAfter + " s", List.of())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
