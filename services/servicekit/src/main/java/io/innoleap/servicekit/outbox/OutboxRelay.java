package io.innoleap.servicekit.outbox;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes outbox rows to Kafka in id order, right after a commit and again from a periodic
 * sweep, then marks them published. A broker outage or a crash between sending and marking only
 * delays events: unmarked rows are sent again with the same {@code eventId}, which consumers
 * de-duplicate (and, for snapshots, order by version).
 *
 * <p><b>One publisher per service, however many replicas run.</b> Only the holder of the
 * {@link OutboxLeadership} lease publishes; the others stand by and take over within the lease's
 * time when it dies. Every publisher of a service uses the same Kafka transactional id and sends
 * each batch in one transaction, so a former holder that wakes up from a long pause is fenced by
 * the broker and cannot interleave old events with the new holder's: per key, the last record of
 * a compacted topic is always its newest snapshot. Consumers read committed records only.
 *
 * <p><b>No event twice after a take-over.</b> A publisher that dies after Kafka committed its
 * transaction and before it marked the rows leaves events that are on the topic but unmarked.
 * Whenever this replica starts a producer (which fences the previous one and completes its
 * transaction) or fails to mark what Kafka committed, it first looks for the oldest publishable
 * rows' event ids on their topics (read committed, from a little before the oldest row was written)
 * and marks the ones it finds instead of sending them again. Only if that search cannot finish
 * (too much to read, broker away, a transaction on those partitions still open after a few seconds)
 * are rows sent again, still with their {@code eventId}.
 *
 * <p><b>A record Kafka refuses for good</b> (too large, invalid) is counted; after
 * {@code innoleap.outbox.max-attempts} it is parked: it leaves the flow, later events of the same
 * aggregate wait behind it, every other aggregate's events go on, and {@code /health}, the metrics
 * and the log show it.
 */
@Singleton
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final OutboxLeadership leadership;
    private final Clock clock;
    private final Properties producerConfig;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration retention;
    private final CoalescingWorker worker = new CoalescingWorker("outbox-relay", this::drain, LOG);
    private Producer<String, String> producer;
    /** Set when rows may be on a topic but unmarked: a new producer fenced a predecessor, or a marking failed. */
    private boolean reconcile = true;

    public OutboxRelay(OutboxRepository repository,
                       OutboxLeadership leadership,
                       Clock clock,
                       @Value("${kafka.bootstrap.servers}") String bootstrapServers,
                       @Value("${micronaut.application.name:service}") String applicationName,
                       @Value("${innoleap.outbox.batch-size:500}") int batchSize,
                       @Value("${innoleap.outbox.max-attempts:5}") int maxAttempts,
                       @Value("${innoleap.outbox.retention:1d}") Duration retention) {
        this.repository = repository;
        this.leadership = leadership;
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.retention = retention;
        this.producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, applicationName + "-outbox");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Fail fast while the broker is away: the sweep retries, nothing is lost.
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
        producerConfig.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30000);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    }

    /** Right after the writing transaction commits. */
    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void afterCommit(Outbox.OutboxAppended event) {
        wake();
    }

    /** The safety net: rows left by an outage, a crash or a lost wake-up; also renews the lease. */
    @Scheduled(fixedDelay = "${innoleap.outbox.sweep-interval:500ms}", initialDelay = "1s")
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

    @EventListener
    void onStartup(StartupEvent event) {
        wake();
    }

    /** Asks the relay thread to drain; coalesces concurrent requests. */
    public void wake() {
        worker.wake();
    }

    /** Whether this replica is the one publishing. */
    public boolean isPublisher() {
        return leadership.holds();
    }

    /**
     * Publishes until nothing is left or the broker is unreachable; returns how many rows were
     * published. Does nothing on a replica that does not hold the lease.
     */
    public synchronized int drain() {
        int total = 0;
        Set<String> heldBack = new HashSet<>(); // aggregates whose next row failed in this pass
        while (!worker.isStopped() && leadership.acquire()) {
            if (producer == null || reconcile) {
                // A new producer (after a start or a failed commit) fences its predecessor and decides its
                // open transaction, which may have committed: look for those events before sending any.
                try {
                    producer();
                    markWhatIsAlreadyPublished();
                    reconcile = false;
                } catch (KafkaException e) {
                    LOG.warn("Outbox: cannot check what the previous publisher sent ({}); retrying on the next sweep", e.toString());
                    closeProducer();
                    return total;
                }
            }
            List<OutboxEvent> batch = repository.findPublishable(batchSize).stream()
                    .filter(r -> !heldBack.contains(r.topic() + "/" + r.recordKey()))
                    .toList();
            if (batch.isEmpty()) {
                return total;
            }
            Outcome outcome = publish(batch);
            total += outcome.published().size();
            if (outcome.refused() != null) {
                OutboxEvent row = outcome.refused();
                heldBack.add(row.topic() + "/" + row.recordKey());
                refusedForGood(row, outcome.error());
            } else if (outcome.error() != null) {
                return total; // broker away or similar: the next sweep tries again
            }
        }
        return total;
    }

    /** What one transaction achieved: rows published, or the row Kafka refused, or a passing error. */
    private record Outcome(List<Long> published, OutboxEvent refused, Exception error) {
    }

    private Outcome publish(List<OutboxEvent> batch) {
        Producer<String, String> p;
        try {
            p = producer();
        } catch (KafkaException e) {
            LOG.warn("Outbox: cannot start publishing ({}); retrying on the next sweep", e.toString());
            closeProducer();
            return new Outcome(List.of(), null, e);
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        try {
            p.beginTransaction();
            for (OutboxEvent row : batch) {
                sent.add(p.send(toRecord(row)));
            }
            p.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            LOG.warn("Outbox: another replica took over publishing ({}); this one stands by", e.toString());
            closeProducer();
            leadership.release();
            return new Outcome(List.of(), null, e);
        } catch (RuntimeException e) {
            // Whatever went wrong (a refused record, a timed-out commit), start from a fresh producer:
            // its initTransactions aborts this transaction, and no half-finished state is carried on.
            OutboxEvent refused = firstRefused(batch, sent);
            closeProducer();
            if (refused == null) {
                LOG.warn("Outbox: {} events not published yet ({}); retrying on the next sweep", batch.size(), e.toString());
            }
            return new Outcome(List.of(), refused, e);
        }
        List<Long> ids = batch.stream().map(OutboxEvent::id).toList();
        try {
            afterSend(ids);
            repository.markPublished(ids, clock.instant());
        } catch (RuntimeException e) {
            reconcile = true; // on the topic but not marked: found there next time, not sent again
            throw e;
        }
        return new Outcome(ids, null, null);
    }

    /** The row whose send Kafka refused for a reason retrying cannot fix, if that is why the batch failed. */
    private static OutboxEvent firstRefused(List<OutboxEvent> batch, List<Future<RecordMetadata>> sent) {
        for (int i = 0; i < sent.size(); i++) {
            Future<RecordMetadata> f = sent.get(i);
            if (!f.isDone()) {
                continue;
            }
            try {
                f.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) && !(e.getCause() instanceof TimeoutException)) {
                    return batch.get(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (RuntimeException ignored) {
                // cancelled by the abort: not the culprit
            }
        }
        return null;
    }

    private void refusedForGood(OutboxEvent row, Exception error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        String message = cause.toString();
        repository.recordFailure(row.id(), message.length() > 1000 ? message.substring(0, 1000) : message);
        int attempts = repository.attempts(row.id());
        if (attempts >= maxAttempts) {
            repository.park(row.id(), clock.instant());
            LOG.error("Outbox: event {} ({} for {} on {}) parked after {} attempts: Kafka refuses it ({}). Later events "
                            + "of that aggregate wait behind it; other events go on.", row.eventId(), row.eventType(),
                    row.recordKey(), row.topic(), attempts, message);
        } else {
            LOG.warn("Outbox: Kafka refused event {} ({} on {}), attempt {} of {}: {}", row.eventId(), row.eventType(),
                    row.topic(), attempts, maxAttempts, message);
        }
    }

    /** Between Kafka's acknowledgement and marking the rows; tests use it to simulate a crash here. */
    protected void afterSend(List<Long> acknowledgedIds) {
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            KafkaProducer<String, String> created = new KafkaProducer<>(producerConfig);
            try {
                // Fences any earlier publisher with this transactional id, and completes its open transaction.
                created.initTransactions();
            } catch (KafkaException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
            reconcile = true; // what the fenced publisher committed is final now: look for it before sending
        }
        return producer;
    }

    /**
     * Marks the oldest publishable rows whose events are already on their topics (committed by a
     * publisher that died before marking them). Reads each topic from {@link #RECONCILE_MARGIN} before
     * the oldest of those rows was written; gives up (rows are then sent again) past
     * {@link #RECONCILE_MAX_RECORDS} records or {@link #RECONCILE_MAX_TIME}.
     */
    private void markWhatIsAlreadyPublished() {
        List<OutboxEvent> candidates = repository.findPublishable(batchSize * 2);
        if (candidates.isEmpty()) {
            return;
        }
        Map<String, Long> rowOfEvent = new HashMap<>();
        Map<String, Instant> since = new TreeMap<>();
        for (OutboxEvent row : candidates) {
            rowOfEvent.put(row.eventId().toString(), row.id());
            since.merge(row.topic(), row.createdAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        List<Long> found = new ArrayList<>();
        long deadline = System.nanoTime() + RECONCILE_MAX_TIME.toNanos();
        int scanned = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig("read_committed"));
             KafkaConsumer<String, byte[]> highWater = new KafkaConsumer<>(consumerConfig("read_uncommitted"))) {
            for (Map.Entry<String, Instant> topic : since.entrySet()) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic.getKey(), Duration.ofSeconds(5))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (!awaitNoOpenTransaction(consumer, highWater, partitions)) {
                    // Never wait for it longer: the lease would run out and the replicas fence each other
                    // in turn. What it holds is not readable yet; events not found are sent again.
                    LOG.warn("Outbox: a transaction is still open on {} after {}; looking only at what is committed, "
                            + "events not found there are sent again (with their eventId)", partitions, SETTLE_MAX_TIME);
                }
                long from = topic.getValue().minus(RECONCILE_MARGIN).toEpochMilli();
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(tp -> times.put(tp, from));
                var starts = consumer.offsetsForTimes(times, Duration.ofSeconds(5));
                var ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
                List<TopicPartition> toRead = partitions.stream()
                        .filter(tp -> starts.get(tp) != null && starts.get(tp).offset() < ends.get(tp)).toList();
                consumer.assign(toRead);
                toRead.forEach(tp -> consumer.seek(tp, starts.get(tp).offset()));
                while (toRead.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(5)) < ends.get(tp))) {
                    if (System.nanoTime() > deadline || scanned > RECONCILE_MAX_RECORDS) {
                        LOG.warn("Outbox: gave up looking for {} events on the topics after {} records; they are sent again "
                                + "(with their eventId)", candidates.size(), scanned);
                        return;
                    }
                    for (var r : consumer.poll(Duration.ofMillis(200))) {
                        scanned++;
                        var header = r.headers().lastHeader("eventId");
                        Long id = header == null ? null : rowOfEvent.remove(new String(header.value(), StandardCharsets.UTF_8));
                        if (id != null) {
                            found.add(id);
                        }
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            repository.markPublished(found, clock.instant());
            LOG.info("Outbox: {} events the previous publisher had committed to Kafka but not marked were found on the "
                    + "topics ({} records read) and marked; they are not sent again", found.size(), scanned);
        }
    }

    /**
     * Waits until no transaction is open on these partitions: the end a read-committed reader sees
     * (the last stable offset) has reached the high watermark. {@code initTransactions} returns once
     * the fenced publisher's transaction is decided, but the markers that make its records readable
     * reach the partitions a moment later; reading before then misses records it committed, and
     * they would be sent twice (seen after a broker outage: a commit that timed out on the client
     * had reached the broker). Waits at most {@link #SETTLE_MAX_TIME}, well within the publishing
     * lease: a transaction the broker has not decided by then (seen once in the two-replica stack
     * test, on data a stopped stack left behind) must not stop publishing.
     *
     * @return whether the partitions settled
     */
    private static boolean awaitNoOpenTransaction(KafkaConsumer<?, ?> committed, KafkaConsumer<?, ?> uncommitted,
                                                  List<TopicPartition> partitions) {
        long deadline = System.nanoTime() + SETTLE_MAX_TIME.toNanos();
        while (true) {
            Map<TopicPartition, Long> stable = committed.endOffsets(partitions, Duration.ofSeconds(5));
            Map<TopicPartition, Long> high = uncommitted.endOffsets(partitions, Duration.ofSeconds(5));
            if (stable.equals(high)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(SETTLE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
            }
        }
    }

    private static final Duration SETTLE_MAX_TIME = Duration.ofSeconds(3);
    private static final Duration SETTLE_POLL = Duration.ofMillis(50);
    private static final Duration RECONCILE_MARGIN = Duration.ofMinutes(5);
    private static final Duration RECONCILE_MAX_TIME = Duration.ofSeconds(20);
    private static final int RECONCILE_MAX_RECORDS = 500_000;

    private Properties consumerConfig(String isolationLevel) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, producerConfig.get(ProducerConfig.CLIENT_ID_CONFIG) + "-check-" + isolationLevel);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return c;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (RuntimeException ignored) {
                // closing a broken producer
            }
            producer = null;
        }
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
        synchronized (this) {
            closeProducer();
        }
        leadership.release();
    }
}
