package io.innoleap.matcher.events;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.topics.Topics;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Consumes both intake topics from the beginning with the matcher's own consumer group. The
 * {@link MatchingService} this needs has rebuilt the engine from the database before this bean
 * exists, so no record is processed against an empty engine. Offsets are committed after each
 * record's work is stored (SYNC); transient failures are retried, poison records go to the DLQ.
 */
@KafkaListener(groupId = IntakeListeners.GROUP + "${innoleap.kafka.group-suffix:}",
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        properties = @Property(name = "allow.auto.create.topics", value = "false"),
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 8,
                retryDelay = "200ms", handleAllExceptions = true))
public class IntakeListeners {

    public static final String GROUP = "matcher-service";

    private final InboundEvents inbound;
    private final MatchingService matching;
    private final String group;

    public IntakeListeners(InboundEvents inbound, MatchingService matching,
                           @Value("${innoleap.kafka.group-suffix:}") String suffix) {
        this.inbound = inbound;
        this.matching = matching;
        this.group = GROUP + suffix;
    }

    @Topic(Topics.PROBLEM_STATEMENTS_NAME)
    void problemStatement(ConsumerRecord<String, String> record) {
        inbound.process(record, group, ProblemStatementSnapshot.class, e -> matching.apply(e.data()));
    }

    @Topic(Topics.SOLUTION_PROFILES_NAME)
    void solutionProfile(ConsumerRecord<String, String> record) {
        inbound.process(record, group, SolutionProfileSnapshot.class, e -> matching.apply(e.data()));
    }
}
