package io.innoleap.scheduler.notifications.dispatch;

import io.innoleap.scheduler.notifications.MailOutbox;
import io.innoleap.scheduler.notifications.store.MailOutboxEntry;
import io.innoleap.scheduler.notifications.store.MailOutboxRepository;
import io.innoleap.scheduler.notifications.store.StoredAttachment;

import io.innoleap.servicekit.outbox.CoalescingWorker;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.email.Attachment;
import io.micronaut.email.Email;
import io.micronaut.email.EmailSender;
import io.micronaut.email.MultipartBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Sends queued mails through Micronaut Email right after the queuing transaction commits and again
 * from a periodic sweep. A failed send is retried with exponential back-off (base doubling up to a
 * cap) until {@code max-attempts}; then the row stays unsent with its last error for an operator.
 * A crash between the SMTP hand-off and marking the row can send a mail twice; it never loses one.
 * One dispatcher thread per service instance; each row is claimed (a conditional UPDATE of
 * {@code claimed_until}, {@code innoleap.mail.claim-for}, default 2m) before it is sent, so replicas
 * never send the same row at once; a claim left by a crash expires and the row is sent again.
 * Logs carry row ids and error texts only: bodies hold live confirmation links.
 */
@Singleton
public class MailDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);
    private static final Argument<List<StoredAttachment>> ATTACHMENTS = Argument.listOf(StoredAttachment.class);

    private final MailOutboxRepository repository;
    private final EmailSender<?, ?> emailSender;
    private final JsonMapper json;
    private final Clock clock;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration retryBase;
    private final Duration retryMax;
    private final Duration retention;
    private final Duration claimFor;
    private final CoalescingWorker worker = new CoalescingWorker("mail-dispatcher", this::drain, LOG);

    public MailDispatcher(MailOutboxRepository repository, EmailSender<?, ?> emailSender, JsonMapper json, Clock clock,
                          @Value("${innoleap.mail.batch-size:50}") int batchSize,
                          @Value("${innoleap.mail.max-attempts:10}") int maxAttempts,
                          @Value("${innoleap.mail.retry-base:10s}") Duration retryBase,
                          @Value("${innoleap.mail.retry-max:1h}") Duration retryMax,
                          @Value("${innoleap.mail.retention:7d}") Duration retention,
                          @Value("${innoleap.mail.claim-for:2m}") Duration claimFor) {
        this.claimFor = claimFor;
        this.repository = repository;
        this.emailSender = emailSender;
        this.json = json;
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
        this.retention = retention;
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void afterCommit(MailOutbox.MailEnqueued event) {
        wake();
    }

    /** The safety net: mails left by an SMTP outage, a crash or a lost wake-up. */
    @Scheduled(fixedDelay = "${innoleap.mail.sweep-interval:5s}", initialDelay = "2s")
    void sweep() {
        wake();
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void prune() {
        int n = repository.deleteSentBefore(clock.instant().minus(retention));
        if (n > 0) {
            LOG.debug("Pruned {} sent mails", n);
        }
    }

    @EventListener
    void onStartup(StartupEvent event) {
        wake();
    }

    /** Asks the dispatcher thread to send what is due; coalesces concurrent requests. */
    public void wake() {
        worker.wake();
    }

    /** Sends every due mail once; returns how many were sent. Failures are recorded for a later retry. */
    public synchronized int drain() {
        int sent = 0;
        while (!worker.isStopped()) {
            List<MailOutboxEntry> due = repository.findDue(clock.instant(), maxAttempts, batchSize);
            if (due.isEmpty()) {
                return sent;
            }
            int failed = 0;
            for (MailOutboxEntry mail : due) {
                if (send(mail)) {
                    sent++;
                } else {
                    failed++;
                }
            }
            if (failed > 0) {
                // Failed rows are pushed into the future, so looping would only re-read successes' neighbours.
                return sent;
            }
        }
        return sent;
    }

    private boolean send(MailOutboxEntry mail) {
        // Claimed first: another replica's dispatcher may have read the same due row.
        if (repository.claim(mail.id(), clock.instant().plus(claimFor), clock.instant()) != 1) {
            return true;
        }
        try {
            Email.Builder email = Email.builder()
                    .to(mail.recipient())
                    .subject(mail.subject())
                    .body(new MultipartBody(mail.htmlBody(), mail.textBody()));
            for (StoredAttachment a : json.readValue(mail.attachments(), ATTACHMENTS)) {
                email.attachment(Attachment.builder()
                        .filename(a.fileName())
                        .contentType(a.contentType())
                        .content(Base64.getDecoder().decode(a.base64()))
                        .build());
            }
            emailSender.send(email);
            repository.markSent(mail.id(), clock.instant());
            LOG.debug("Mail {} sent", mail.id());
            return true;
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String error = cause.toString();
            error = error.length() > 1000 ? error.substring(0, 1000) : error;
            Instant next = clock.instant().plus(backoff(mail.attempts()));
            LOG.warn("Mail {} not sent (attempt {} of {}), next try at {}: {}", mail.id(), mail.attempts() + 1,
                    maxAttempts, next, error);
            try {
                repository.recordFailure(mail.id(), error, next);
            } catch (RuntimeException recordFailure) {
                LOG.warn("Could not record the failure of mail {}: {}", mail.id(), recordFailure.toString());
            }
            return false;
        }
    }

    private Duration backoff(int previousAttempts) {
        Duration d = retryBase.multipliedBy(1L << Math.min(previousAttempts, 20));
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }

    public long backlog() {
        return repository.countUnsent();
    }

    @PreDestroy
    void stop() {
        worker.stop();
    }
}
