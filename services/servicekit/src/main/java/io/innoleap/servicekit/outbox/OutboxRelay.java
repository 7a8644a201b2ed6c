package io.innoleap.servicekit.outbox;

import io.micronaut.context.annotation.Value;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka in id order with an idempotent {@code acks=all} producer, right
 * after a commit and again from a periodic sweep, then marks them published. A broker outage or a
 * crash between sending and marking only delays events: unmarked rows are sent again with the
 * same {@code eventId}, which consumers de-duplicate. One relay thread per service instance.
 */
@Singleton
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final Producer<String, String> producer;
    private final Clock clock;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Duration retention;
    private final CoalescingWorker worker = new CoalescingWorker("outbox-relay", this::drain, LOG);

    public OutboxRelay(OutboxRepository repository,
                       @KafkaClient(id = "outbox-relay", acks = KafkaClient.Acknowledge.ALL, properties = {
                               @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"),
                               @Property(name = ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, value = "5"),
                               @Property(name = ProducerConfig.LINGER_MS_CONFIG, value = "5"),
                               // Fail fast while the broker is away: the sweep retries, nothing is lost.
                               @Property(name = ProducerConfig.MAX_BLOCK_MS_CONFIG, value = "5000"),
                               @Property(name = ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, value = "5000"),
                               @Property(name = ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, value = "15000"),
                               @Property(name = ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                                       value = "org.apache.kafka.common.serialization.StringSerializer"),
                               @Property(name = ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                                       value = "org.apache.kafka.common.serialization.StringSerializer")
                       }) Producer<String, String> producer,
                       Clock clock,
                       @Value("${innoleap.outbox.batch-size:500}") int batchSize,
                       @Value("${innoleap.outbox.send-timeout:20s}") Duration sendTimeout,
                       @Value("${innoleap.outbox.retention:1d}") Duration retention) {
        this.repository = repository;
        this.producer = producer;
        this.clock = clock;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.retention = retention;
    }

    /** Right after the writing transaction commits. */
    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void afterCommit(Outbox.OutboxAppended event) {
        wake();
    }

    /** The safety net: rows left by an outage, a crash or a lost wake-up. */
    @Scheduled(fixedDelay = "${innoleap.outbox.sweep-interval:2s}", initialDelay = "1s")
    void sweep() {
        wake();
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "1m")
    void prune() {
        int n = repository.deletePublishedBefore(clock.instant().minus(retention));
        if (n > 0) {
            LOG.debug("Pruned {} published outbox rows", n);
        }
    }

    /** Asks the relay thread to drain; coalesces concurrent requests. */
    public void wake() {
        worker.wake();
    }

    /** Publishes until nothing is left or a send fails; returns how many rows were published. */
    public int drain() {
        int total = 0;
        while (!worker.isStopped()) {
            List<OutboxEvent> batch = repository.findUnpublished(batchSize);
            if (batch.isEmpty()) {
                return total;
            }
            int published = publish(batch);
            total += published;
            if (published < batch.size()) {
                return total;
            }
        }
        return total;
    }

    private int publish(List<OutboxEvent> batch) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        RuntimeException sendFailure = null;
        for (OutboxEvent row : batch) {
            try {
                sent.add(producer.send(toRecord(row)));
            } catch (RuntimeException e) {
                sendFailure = e;
                break;
            }
        }
        List<Long> done = new ArrayList<>(sent.size());
        Exception failure = sendFailure;
        OutboxEvent failedRow = sendFailure == null ? null : batch.get(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                done.add(batch.get(i).id());
            } catch (Exception e) {
                // Stop at the first failure so a key's later events are not marked ahead of it.
                failure = e;
                failedRow = batch.get(i);
                break;
            }
        }
        afterSend(done);
        if (!done.isEmpty()) {
            repository.markPublished(done, clock.instant());
        }
        if (failure != null) {
            String error = failure.getCause() != null ? failure.getCause().toString() : failure.toString();
            LOG.warn("Outbox: {} of {} events published; {} not yet ({}), retrying on the next sweep",
                    done.size(), batch.size(), batch.size() - done.size(), error);
            repository.recordFailure(failedRow.id(), error.length() > 1000 ? error.substring(0, 1000) : error);
        }
        return done.size();
    }

    /** Between Kafka's acknowledgement and marking the rows; tests use it to simulate a crash here. */
    protected void afterSend(List<Long> acknowledgedIds) {
    }

    private static ProducerRecord<String, String> toRecord(OutboxEvent row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.recordKey(), row.payload());
        record.headers().add(new RecordHeader("eventId", row.eventId().toString().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("eventType", row.eventType().getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    public long backlog() {
        return repository.countUnpublished();
    }

    @PreDestroy
    void stop() {
        worker.stop();
    }

    @EventListener
    void onStartup(io.micronaut.context.event.StartupEvent event) {
        wake();
    }
}
