package io.innoleap.scheduler.readmodel.events;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.servicekit.kafka.InboundEvents;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Value;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps the read model from the intake and match topics, from the beginning, with the
 * scheduler's own consumer group. Offsets are committed after each record is stored; passing
 * failures (database away) are waited out, records that can never be processed go to the topic's DLQ.
 */
@KafkaListener(groupId = ReadModelListeners.GROUP + "${innoleap.kafka.group-suffix:}",
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        properties = @io.micronaut.context.annotation.Property(name = "allow.auto.create.topics", value = "false"),
        // InboundEvents waits out passing failures and dead-letters what can never succeed; what it
        // throws (a TransientFailure) is redelivered, forever: nothing accepted is skipped.
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryCount = Integer.MAX_VALUE,
                retryDelay = InboundEvents.LISTENER_RETRY_DELAY, handleAllExceptions = false))
public class ReadModelListeners {

    static final String GROUP = "scheduler-read-model";

    private final InboundEvents inbound;
    private final ReadModelUpdater updater;
    private final String group;

    public ReadModelListeners(InboundEvents inbound, ReadModelUpdater updater,
                              @Value("${innoleap.kafka.group-suffix:}") String suffix) {
        this.inbound = inbound;
        this.updater = updater;
        this.group = GROUP + suffix;
    }

    @Topic(Topics.PROBLEM_STATEMENTS_NAME)
    void problemStatement(ConsumerRecord<String, String> record) {
        inbound.process(record, group, ProblemStatementSnapshot.class, e -> updater.apply(e.data()));
    }

    @Topic(Topics.SOLUTION_PROFILES_NAME)
    void solutionProfile(ConsumerRecord<String, String> record) {
        inbound.process(record, group, SolutionProfileSnapshot.class, e -> updater.apply(e.data()));
    }

    @Topic(Topics.MATCHES_NAME)
    void match(ConsumerRecord<String, String> record) {
        inbound.process(record, group, MatchSnapshot.class, e -> updater.apply(e.data()));
    }
}
