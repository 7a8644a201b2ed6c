package io.innoleap.scheduler.notifications.dispatch;

import io.innoleap.scheduler.notifications.store.MailOutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mail outbox as operators see it, on {@code /prometheus}: {@code innoleap.mail.outbox.backlog}
 * (mails queued and not yet sent, still being tried), {@code innoleap.mail.outbox.oldest.age}
 * (seconds since the oldest of them was queued: grows while SMTP is down) and
 * {@code innoleap.mail.outbox.given.up} (mails that used up {@code innoleap.mail.max-attempts} and wait
 * for an operator). Figures are read every few seconds, not on every scrape.
 */
@Singleton
public class MailOutboxMonitor {

    private final MailOutboxRepository repository;
    private final Clock clock;
    private final int maxAttempts;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();

    public MailOutboxMonitor(MailOutboxRepository repository, Clock clock, MeterRegistry meters,
                             @Value("${innoleap.mail.max-attempts:10}") int maxAttempts) {
        this.repository = repository;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        Gauge.builder("innoleap.mail.outbox.backlog", backlog, AtomicLong::get)
                .description("Mails queued and not yet sent, still being tried").register(meters);
        Gauge.builder("innoleap.mail.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest unsent mail has waited").register(meters);
        Gauge.builder("innoleap.mail.outbox.given.up", givenUp, AtomicLong::get)
                .description("Mails that used up their attempts, waiting for an operator").register(meters);
    }

    @Scheduled(fixedDelay = "${innoleap.mail.monitor-interval:5s}", initialDelay = "2s")
    void refresh() {
        backlog.set(repository.countPending(maxAttempts));
        givenUp.set(repository.countGivenUp(maxAttempts));
        Instant oldest = repository.oldestPending(maxAttempts);
        oldestAgeSeconds.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds()));
    }
}
