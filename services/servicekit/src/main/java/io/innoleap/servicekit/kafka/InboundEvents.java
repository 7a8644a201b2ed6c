package io.innoleap.servicekit.kafka;

import io.innoleap.contracts.events.EventEnvelope;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * The consuming half of the event contract, shared by every listener: parse the envelope, reject
 * what can never be processed to {@code {topic}.dlq} (unparseable JSON, missing fields, an unknown
 * schema version, a {@link PoisonRecordException} from the handler) and let transient failures
 * (database away) propagate so the listener's error strategy retries them. The offset is
 * committed only after this returns, so stored work and offsets move together.
 */
@Singleton
public class InboundEvents {

    private static final Logger LOG = LoggerFactory.getLogger(InboundEvents.class);

    private final JsonMapper json;
    private final DeadLetters deadLetters;

    public InboundEvents(JsonMapper json, DeadLetters deadLetters) {
        this.json = json;
        this.deadLetters = deadLetters;
    }

    public <T> void process(ConsumerRecord<String, String> record, String consumerGroup, Class<T> snapshotType,
                            Consumer<EventEnvelope<T>> handler) {
        EventEnvelope<T> envelope;
        try {
            envelope = parse(record, snapshotType);
        } catch (RuntimeException | java.io.IOException e) {
            deadLetters.send(record, consumerGroup, e);
            return;
        }
        try {
            handler.accept(envelope);
        } catch (PoisonRecordException e) {
            deadLetters.send(record, consumerGroup, e);
        }
    }

    private <T> EventEnvelope<T> parse(ConsumerRecord<String, String> record, Class<T> snapshotType)
            throws java.io.IOException {
        if (record.value() == null) {
            throw new PoisonRecordException("record has no value (tombstone) on " + record.topic());
        }
        EventEnvelope<T> envelope = json.readValue(record.value(), Argument.of(EventEnvelope.class, snapshotType));
        if (envelope == null) {
            throw new PoisonRecordException("empty record");
        }
        if (envelope.schemaVersion() != EventEnvelope.SCHEMA_VERSION) {
            throw new PoisonRecordException("unsupported schemaVersion " + envelope.schemaVersion());
        }
        LOG.trace("{} {} from {}@{}", envelope.type(), envelope.eventId(), record.topic(), record.offset());
        return envelope;
    }

    /** A record that will never succeed, however often it is retried. */
    public static class PoisonRecordException extends RuntimeException {
        public PoisonRecordException(String message) {
            super(message);
        }

        public PoisonRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
