package io.innoleap.servicekit.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox as operators see it: {@code /health} ("outbox": backlog, age of the oldest unpublished
 * event, parked events, whether this replica publishes; DOWN when the oldest publishable event has
 * waited longer than {@code innoleap.outbox.stuck-after}, default 5 minutes) and the metrics
 * {@code innoleap.outbox.backlog}, {@code innoleap.outbox.oldest.age} (seconds) and
 * {@code innoleap.outbox.parked}. Figures are read every few seconds, not on every scrape.
 */
@Singleton
@Readiness
public class OutboxMonitor implements HealthIndicator {

    private final OutboxRepository repository;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Duration stuckAfter;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    public OutboxMonitor(OutboxRepository repository, OutboxRelay relay, Clock clock, MeterRegistry meters,
                         @Value("${innoleap.outbox.stuck-after:5m}") Duration stuckAfter) {
        this.repository = repository;
        this.relay = relay;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
        Gauge.builder("innoleap.outbox.backlog", backlog, AtomicLong::get)
                .description("Events written but not yet published").register(meters);
        Gauge.builder("innoleap.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest publishable event has waited").register(meters);
        Gauge.builder("innoleap.outbox.parked", parked, AtomicLong::get)
                .description("Events Kafka refused for good, waiting for an operator").register(meters);
    }

    @Scheduled(fixedDelay = "${innoleap.outbox.monitor-interval:5s}", initialDelay = "2s")
    void refresh() {
        backlog.set(repository.countUnpublished());
        parked.set(repository.countParked());
        Instant oldest = repository.oldestUnpublished();
        oldestAgeSeconds.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds()));
    }

    @Override
    public Publisher<HealthResult> getResult() {
        // The cached figures (refreshed every few seconds): a health probe must not block on the database.
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backlog", backlog.get());
        details.put("oldestUnpublishedAgeSeconds", oldestAgeSeconds.get());
        details.put("parked", parked.get());
        details.put("publisher", relay.isPublisher());
        boolean stuck = oldestAgeSeconds.get() > stuckAfter.toSeconds();
        if (stuck) {
            details.put("error", "the oldest event has waited longer than " + stuckAfter);
        }
        return Publishers.just(HealthResult.builder("outbox", stuck ? HealthStatus.DOWN : HealthStatus.UP)
                .details(details).build());
    }

}
