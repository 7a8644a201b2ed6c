package io.innoleap.servicekit.kafka;

import io.innoleap.contracts.events.EventEnvelope;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The consuming half of the event contract, shared by every listener:
 * <ul>
 *   <li>a record that can never be processed (unparseable JSON, missing fields, an unknown schema
 *       version, a {@link PoisonRecordException} from the handler, or a handler that fails the same
 *       unexpected way {@code unexpected-attempts} times) goes to {@code {topic}.dlq}, once, with the
 *       error in headers, and the consumer moves on;</li>
 *   <li>a failure that passes (the database or the broker away, a lock wait, a deadlock: see
 *       {@link Failures}) is retried in place with capped exponential back-off; after
 *       {@code transient-budget} of waiting it is thrown as a {@link TransientFailure}, and the
 *       listener (retrying forever, see {@link #LISTENER_RETRY_DELAY}) pauses the partition and gets
 *       the record again: nothing is skipped, however long the outage lasts;</li>
 *   <li>if the dead letter cannot be written, that is a {@link TransientFailure} too: the record is
 *       not skipped.</li>
 * </ul>
 * The offset is committed only after this returns, so stored work and offsets move together.
 */
@Singleton
public class InboundEvents {

    /** The delay a listener waits before getting a record again after a {@link TransientFailure}. */
    public static final String LISTENER_RETRY_DELAY = "2s";

    private static final Logger LOG = LoggerFactory.getLogger(InboundEvents.class);

    private final JsonMapper json;
    private final DeadLetters deadLetters;
    private final Duration budget;
    private final Duration maxBackoff;
    private final int unexpectedAttempts;

    public InboundEvents(JsonMapper json, DeadLetters deadLetters,
                         @Value("${innoleap.kafka.transient-budget:30s}") Duration budget,
                         @Value("${innoleap.kafka.max-backoff:5s}") Duration maxBackoff,
                         @Value("${innoleap.kafka.unexpected-attempts:3}") int unexpectedAttempts) {
        this.json = json;
        this.deadLetters = deadLetters;
        this.budget = budget;
        this.maxBackoff = maxBackoff;
        this.unexpectedAttempts = unexpectedAttempts;
    }

    public <T> void process(ConsumerRecord<String, String> record, String consumerGroup, Class<T> snapshotType,
                            Consumer<EventEnvelope<T>> handler) {
        EventEnvelope<T> envelope;
        try {
            envelope = parse(record, snapshotType);
        } catch (RuntimeException | IOException e) {
            deadLetter(record, consumerGroup, e);
            return;
        }
        RuntimeException failure = patiently(() -> handler.accept(envelope));
        if (failure != null) {
            deadLetter(record, consumerGroup, failure);
        }
    }

    /**
     * Runs the work, waiting out failures that pass (capped back-off; after the budget a
     * {@link TransientFailure} is thrown for the listener to redeliver). Returns null on success,
     * or the failure when it can never succeed: a {@link PoisonRecordException} at once, any other
     * failure after {@code unexpected-attempts} tries.
     */
    @Nullable
    public RuntimeException patiently(Runnable work) {
        long started = System.nanoTime();
        long delayMillis = 100;
        int unexpected = 0;
        while (true) {
            try {
                work.run();
                return null;
            } catch (PoisonRecordException e) {
                return e;
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    if (System.nanoTime() - started > budget.toNanos()) {
                        throw e instanceof TransientFailure tf ? tf
                                : new TransientFailure("still failing after " + budget + ": " + e, e);
                    }
                    LOG.warn("Waiting {} ms for a passing failure to clear: {}", delayMillis, e.toString());
                } else if (++unexpected >= unexpectedAttempts) {
                    return e;
                } else {
                    LOG.warn("Unexpected failure (attempt {} of {}), trying again: {}", unexpected, unexpectedAttempts, e.toString());
                }
                sleep(delayMillis);
                delayMillis = Math.min(delayMillis * 2, maxBackoff.toMillis());
            }
        }
    }

    /** Dead-letters the record; if even that fails, the record must not be skipped. */
    public void deadLetter(ConsumerRecord<?, ?> record, String consumerGroup, Throwable error) {
        try {
            deadLetters.send(record, consumerGroup, error);
        } catch (RuntimeException e) {
            throw new TransientFailure("could not write the dead letter for " + record.topic() + "@" + record.offset(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while waiting to retry", e);
        }
    }

    private <T> EventEnvelope<T> parse(ConsumerRecord<String, String> record, Class<T> snapshotType) throws IOException {
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
