package io.innoleap.scheduler.readmodel;

import io.innoleap.contracts.events.EventEnvelope;
import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.servicekit.kafka.DeadLetterReplay;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestClock;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record that was dead-lettered (say, before a fix) goes back to its topic when the dead
 * letters are replayed, and the read model applies it; replaying again does not send it twice.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterReplayTest implements TestPropertyProvider {

    @Inject
    JsonMapper json;
    @Inject
    ReadModel readModel;
    @Inject
    DeadLetterReplay replay;
    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("scheduler-dlq-replay").build();
    }

    @Test
    void aDeadLetterIsAppliedOnceReplayed() throws Exception {
        ProblemStatementSnapshot statement = SnapshotFeed.statement(SnapshotFeed.unique("DLQ"), "transport",
                "Dead-lettered before a fix", Horizon.LONG_TERM, "transport");
        try (SnapshotFeed feed = new SnapshotFeed(json); TopicProbe topic = TopicProbe.of(Topics.PROBLEM_STATEMENTS_NAME)) {
            String envelope = json.writeValueAsString(EventEnvelope.of(ProblemStatementSnapshot.PUBLISHED, clock.instant(), statement));
            feed.raw(Topics.PROBLEM_STATEMENTS_NAME + ".dlq", null, statement.id().toString(), envelope);
            assertThat(readModel.problemStatement(statement.id())).isEmpty();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    replay.counts().get(Topics.PROBLEM_STATEMENTS_NAME + ".dlq") >= 1);

            int first = replay.replay(Topics.PROBLEM_STATEMENTS_NAME);
            assertThat(first).isGreaterThanOrEqualTo(1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> readModel.problemStatement(statement.id()).isPresent());
            // Replay again: this record is not sent a second time. (Other classes' poison records on the
            // shared topic may be dead-lettered again by this class's consumer and replayed: not ours.)
            replay.replay(Topics.PROBLEM_STATEMENTS_NAME);
            String marker = "marker-" + UUID.randomUUID();
            feed.raw(Topics.PROBLEM_STATEMENTS_NAME, null, marker, "{}");
            topic.awaitKey(marker, 1);
            assertThat(topic.recordsWithKey(statement.id().toString())).as("sent back once, not twice").hasSize(1)
                    .allSatisfy(r -> assertThat(r.headers().lastHeader("replayed.from")).isNotNull());
            feed.publish(SnapshotFeed.withVersion(statement, 1, statement.title(), io.innoleap.contracts.events.ProblemStatementStatus.CLOSED));
        }
    }
}
