package io.innoleap.matcher.events;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.matcher.matching.Docs;
import io.innoleap.matcher.matching.MatchingService;
import io.innoleap.servicekit.kafka.InboundEvents;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.innoleap.servicekit.kafka.TransientFailure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Consumes both intake topics from the beginning with the matcher's own consumer group, a poll's
 * records at a time. With replicas every replica has a group of its own
 * ({@code innoleap.matcher.replicas.group-suffix}), so each consumes both topics in full and keeps
 * a whole engine; only the writer ranks and writes (see {@code WriterGate}). The {@link MatchingService} this needs has rebuilt the engine from the
 * database before this bean exists, so no record is processed against an empty engine.
 * <ul>
 *   <li>Records that can never be processed (bad JSON, unknown schema version, an invalid
 *       snapshot) go to the DLQ ({@link InboundEvents#process}); the rest of the poll is applied as
 *       one batch.</li>
 *   <li>Failures that pass (the database away, a lock wait, a timeout) are waited out with capped
 *       back-off ({@link InboundEvents#patiently}); past the transient budget the consumer goes back
 *       to the poll's first offsets and gets it again after a pause, for as long as the failure
 *       lasts: nothing accepted is skipped.</li>
 *   <li>A batch that fails for another reason is applied one record at a time, and only a record
 *       that still fails goes to the DLQ.</li>
 *   <li>A redelivered poll does not dead-letter its poison records a second time: the ones already
 *       parked are remembered until the poll's offsets are committed.</li>
 * </ul>
 * Offsets are committed (SYNC) only after this returns, once the poll's work is stored or parked.
 */
@KafkaListener(groupId = IntakeListeners.GROUP + "${innoleap.kafka.group-suffix:}${innoleap.matcher.replicas.group-suffix:}",
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        batch = true,
        // One consumer per partition (3 by default): while one poll's transaction commits under the
        // writer lock, another poll is embedded. A key stays on one partition, so on one consumer.
        threadsValue = "${innoleap.matcher.intake-consumers:3}",
        properties = {
                @Property(name = "allow.auto.create.topics", value = "false"),
                // A poll is one batch: big enough to amortise the model call and the transaction,
                // small enough that the first lists of a burst appear within a second or two.
                @Property(name = "max.poll.records", value = "64")
        },
        // What InboundEvents throws (a TransientFailure) is redelivered, forever; the rest is handled here.
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryCount = Integer.MAX_VALUE,
                retryDelay = InboundEvents.LISTENER_RETRY_DELAY, handleAllExceptions = false))
public class IntakeListeners {

    public static final String GROUP = "matcher-service";
    private static final Logger LOG = LoggerFactory.getLogger(IntakeListeners.class);

    private final InboundEvents inbound;
    private final MatchingService matching;
    private final String group;
    /** Records of a poll that is not committed yet which are already on the DLQ ("topic-partition@offset"). */
    private final Set<String> parked = ConcurrentHashMap.newKeySet();

    public IntakeListeners(InboundEvents inbound, MatchingService matching,
                           @Value("${innoleap.kafka.group-suffix:}") String suffix,
                           @Value("${innoleap.matcher.replicas.group-suffix:}") String replicaSuffix) {
        this.inbound = inbound;
        this.matching = matching;
        this.group = GROUP + suffix + replicaSuffix;
    }

    @Topic(Topics.PROBLEM_STATEMENTS_NAME)
    void problemStatements(List<ConsumerRecord<String, String>> records,
                           org.apache.kafka.clients.consumer.Consumer<?, ?> kafkaConsumer) {
        consume(records, kafkaConsumer, ProblemStatementSnapshot.class, Docs::check,
                snapshots -> matching.applyAll(List.of(), snapshots), matching::apply);
    }

    @Topic(Topics.SOLUTION_PROFILES_NAME)
    void solutionProfiles(List<ConsumerRecord<String, String>> records,
                          org.apache.kafka.clients.consumer.Consumer<?, ?> kafkaConsumer) {
        consume(records, kafkaConsumer, SolutionProfileSnapshot.class, Docs::check,
                snapshots -> matching.applyAll(snapshots, List.of()), matching::apply);
    }

    private record Parsed<S>(ConsumerRecord<String, String> record, S snapshot) {
    }

    private <S> void consume(List<ConsumerRecord<String, String>> records,
                             org.apache.kafka.clients.consumer.Consumer<?, ?> kafkaConsumer, Class<S> type,
                             Consumer<S> check, Consumer<List<S>> applyAll, Consumer<S> applyOne) {
        try {
            applyPoll(records, type, check, applyAll, applyOne);
        } catch (TransientFailure e) {
            // Get the whole poll again after a pause. Not left to the error strategy: micronaut-kafka
            // 5.9's batch retry takes the positions to go back to before the poll, so a poll that
            // fails right after a partition assignment (a restart or rebalance during an outage)
            // fails there with a NullPointerException and its records are skipped.
            LOG.warn("Passing failure, getting the poll of {} records again in {}: {}", records.size(),
                    InboundEvents.LISTENER_RETRY_DELAY, e.toString());
            Map<TopicPartition, Long> first = new HashMap<>();
            records.forEach(r -> first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min));
            first.forEach(kafkaConsumer::seek);
            pause();
            return;
        }
        // Returning commits the poll's offsets: its parked records will not come back.
        records.forEach(r -> parked.remove(coordinates(r)));
    }

    private <S> void applyPoll(List<ConsumerRecord<String, String>> records, Class<S> type, Consumer<S> check,
                               Consumer<List<S>> applyAll, Consumer<S> applyOne) {
        List<Parsed<S>> batch = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            if (parked.contains(coordinates(r))) {
                continue;
            }
            int before = batch.size();
            inbound.process(r, group, type, e -> {
                check.accept(e.data());
                batch.add(new Parsed<>(r, e.data()));
            });
            if (batch.size() == before) {
                parked.add(coordinates(r)); // process() returned without taking it: it is on the DLQ
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<S> snapshots = batch.stream().map(Parsed::snapshot).toList();
        RuntimeException failure = inbound.patiently(() -> applyAll.accept(snapshots));
        if (failure != null) {
            LOG.warn("A batch of {} records cannot be applied ({}); applying them one at a time", batch.size(),
                    failure.toString());
            for (Parsed<S> p : batch) {
                RuntimeException e = inbound.patiently(() -> applyOne.accept(p.snapshot()));
                if (e != null) {
                    inbound.deadLetter(p.record(), group, e);
                    parked.add(coordinates(p.record()));
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(Duration.parse("PT" + InboundEvents.LISTENER_RETRY_DELAY.toUpperCase(Locale.ROOT)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String coordinates(ConsumerRecord<?, ?> r) {
        return r.topic() + "-" + r.partition() + "@" + r.offset();
    }
}
