package io.innoleap.servicekit.outbox;

import io.innoleap.contracts.events.EventEnvelope;
import io.innoleap.contracts.topics.TopicDefinition;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Records an event in the caller's transaction: the entity change and its event commit together
 * or not at all. Publishing is the {@link OutboxRelay}'s job, woken right after commit.
 */
@Singleton
public class Outbox {

    private final OutboxRepository repository;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher<OutboxAppended> appended;

    public Outbox(OutboxRepository repository, JsonMapper json, Clock clock,
                  ApplicationEventPublisher<OutboxAppended> appended) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
        this.appended = appended;
    }

    /** Appends an event; must run inside the transaction that changes the aggregate. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public <T> EventEnvelope<T> append(TopicDefinition topic, String key, String type, T snapshot) {
        if (!topic.carries(type)) {
            throw new IllegalArgumentException(type + " does not belong on " + topic.name());
        }
        Instant now = clock.instant();
        EventEnvelope<T> envelope = EventEnvelope.of(type, now, snapshot);
        String payload;
        try {
            payload = json.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repository.save(new OutboxEvent(null, envelope.eventId(), topic.name(), key, type, payload, now, null, 0, null));
        // Delivered to the relay only after this transaction commits (see OutboxRelay).
        appended.publishEvent(new OutboxAppended(topic.name()));
        return envelope;
    }

    /** Application event: something was appended; the relay reacts after commit. */
    public record OutboxAppended(String topic) {
    }
}
