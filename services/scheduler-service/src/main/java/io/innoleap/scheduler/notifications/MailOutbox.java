package io.innoleap.scheduler.notifications;

import io.innoleap.scheduler.notifications.store.MailOutboxEntry;
import io.innoleap.scheduler.notifications.store.MailOutboxRepository;
import io.innoleap.scheduler.notifications.store.StoredAttachment;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stores mails in the caller's transaction: the booking change and its mails commit together or
 * not at all. Delivery is {@link MailDispatcher}'s job, woken right after commit.
 */
@Singleton
public class MailOutbox {

    private final MailOutboxRepository repository;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher<MailEnqueued> enqueued;

    public MailOutbox(MailOutboxRepository repository, JsonMapper json, Clock clock,
                      ApplicationEventPublisher<MailEnqueued> enqueued) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
        this.enqueued = enqueued;
    }

    /**
     * Queues {@code content} for each address in {@code to} (blank ones skipped, duplicates
     * compared case-insensitively sent once); each recipient gets their own message. Must run
     * inside the transaction that changes the booking. Returns how many mails were queued.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int enqueue(List<String> to, MailContent content) {
        Map<String, String> recipients = new LinkedHashMap<>();
        for (String address : to) {
            if (address != null && !address.isBlank()) {
                recipients.putIfAbsent(address.strip().toLowerCase(Locale.ROOT), address.strip());
            }
        }
        if (recipients.isEmpty()) {
            return 0;
        }
        String attachments = attachmentsJson(content.attachments());
        Instant now = clock.instant();
        for (String recipient : recipients.values()) {
            repository.save(new MailOutboxEntry(null, recipient, content.subject(), content.text(), content.html(),
                    attachments, now, now, null, 0, null, null, null));
        }
        // Delivered to the dispatcher only after this transaction commits.
        enqueued.publishEvent(new MailEnqueued(recipients.size()));
        return recipients.size();
    }

    /**
     * Queues {@code content} once per recipient under {@code key + ":" + recipient}: a recipient whose
     * key is already queued (or sent) is skipped. Two callers racing on one key: the unique index lets
     * one through and the other's transaction fails with a duplicate key (the caller decides to ignore
     * it). Must run inside the caller's transaction. Returns how many mails were queued.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int enqueueOnce(String key, List<String> to, MailContent content) {
        String attachments = attachmentsJson(content.attachments());
        Instant now = clock.instant();
        Map<String, String> recipients = new LinkedHashMap<>();
        to.stream().filter(a -> a != null && !a.isBlank())
                .forEach(a -> recipients.putIfAbsent(a.strip().toLowerCase(Locale.ROOT), a.strip()));
        int queued = 0;
        for (Map.Entry<String, String> r : recipients.entrySet()) {
            String dedupeKey = key + ":" + r.getKey();
            if (repository.existsByDedupeKey(dedupeKey)) {
                continue;
            }
            repository.save(new MailOutboxEntry(null, r.getValue(), content.subject(), content.text(), content.html(),
                    attachments, now, now, null, 0, null, dedupeKey, null));
            queued++;
        }
        if (queued > 0) {
            enqueued.publishEvent(new MailEnqueued(queued));
        }
        return queued;
    }

    /** Drops queued, unsent once-only mails whose key starts with {@code keyPrefix} (e.g. a moved booking's reminders). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int withdraw(String keyPrefix) {
        return repository.deleteUnsentByDedupeKeyPrefix(keyPrefix.replace("%", "") + "%");
    }

    private String attachmentsJson(List<MailAttachment> attachments) {
        List<StoredAttachment> stored = attachments.stream()
                .map(a -> new StoredAttachment(a.fileName(), a.contentType(), Base64.getEncoder().encodeToString(a.content())))
                .toList();
        try {
            return json.writeValueAsString(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Application event: mails were queued; the dispatcher reacts after commit. */
    public record MailEnqueued(int count) {
    }
}
