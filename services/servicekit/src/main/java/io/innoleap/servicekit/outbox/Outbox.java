package io.innoleap.servicekit.outbox;

import io.innoleap.contracts.events.EventEnvelope;
import io.innoleap.contracts.topics.TopicDefinition;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.innoleap.servicekit.security.CurrentActor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records an event in the caller's transaction: the entity change and its event commit together
 * or not at all. Publishing is the {@link OutboxRelay}'s job, woken right after commit. Each event
 * names its actor (the {@code sub} of the request being served, none for the system's own) and
 * leaves a line on the {@code audit} logger: who, which event, which aggregate.
 */
@Singleton
public class Outbox {

    private static final Logger AUDIT = LoggerFactory.getLogger("audit");
    private static final String INSERT = "INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, "
            + "created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)";

    private final OutboxRepository repository;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher<OutboxAppended> appended;
    private final JdbcOperations jdbc;

    public Outbox(OutboxRepository repository, JsonMapper json, Clock clock,
                  ApplicationEventPublisher<OutboxAppended> appended, JdbcOperations jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
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
        String actor = CurrentActor.sub();
        EventEnvelope<T> envelope = EventEnvelope.by(actor, type, now, snapshot);
        audit(actor, type, topic, key);
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

    /**
     * Appends several events of one topic with one JDBC batch (a consumer that applies many records in
     * one transaction writes their events together); same rules as {@link #append}. Micronaut Data's
     * {@code saveAll} inserts row by row on its MySQL dialect; a batch lets the driver send one
     * statement (MariaDB's bulk protocol, or Connector/J with {@code rewriteBatchedStatements=true}).
     * Ids follow the list's order, which is the order the relay publishes in.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public <T> List<EventEnvelope<T>> appendAll(TopicDefinition topic, List<Pending<T>> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        String actor = CurrentActor.sub();
        List<EventEnvelope<T>> envelopes = new ArrayList<>(events.size());
        List<String> payloads = new ArrayList<>(events.size());
        for (Pending<T> e : events) {
            if (!topic.carries(e.type())) {
                throw new IllegalArgumentException(e.type() + " does not belong on " + topic.name());
            }
            EventEnvelope<T> envelope = EventEnvelope.by(actor, e.type(), now, e.snapshot());
            try {
                payloads.add(json.writeValueAsString(envelope));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            envelopes.add(envelope);
        }
        Timestamp createdAt = Timestamp.from(now);
        jdbc.prepareStatement(INSERT, ps -> {
            for (int i = 0; i < events.size(); i++) {
                ps.setString(1, envelopes.get(i).eventId().toString());
                ps.setString(2, topic.name());
                ps.setString(3, events.get(i).key());
                ps.setString(4, events.get(i).type());
                ps.setString(5, payloads.get(i));
                ps.setTimestamp(6, createdAt);
                ps.addBatch();
            }
            return ps.executeBatch().length;
        });
        for (Pending<T> e : events) {
            audit(actor, e.type(), topic, e.key());
        }
        appended.publishEvent(new OutboxAppended(topic.name()));
        return envelopes;
    }

    /** Who changed what: one line per accepted change, on the {@code audit} logger. */
    private static void audit(String actor, String type, TopicDefinition topic, String key) {
        AUDIT.info("actor={} event={} topic={} key={}", actor == null ? "system" : actor, type, topic.name(), key);
    }

    /** One event for {@link #appendAll}: record key, event type and snapshot. */
    public record Pending<T>(String key, String type, T snapshot) {
    }

    /** Application event: something was appended; the relay reacts after commit. */
    public record OutboxAppended(String topic) {
    }
}
