package io.innoleap.problems;

import io.innoleap.contracts.topics.Topics;
import io.innoleap.servicekit.outbox.OutboxRelay;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestKafka;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox delays events under failure but never loses them: writes are accepted while Kafka is
 * down and everything arrives, once, in order per key, when it is back; a relay that dies between
 * Kafka's acknowledgement and marking the rows only causes re-sends with the same eventId.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxReliabilityTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    OutboxRepository outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource dataSource;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("problem-outbox").actingAs("office").with("innoleap.outbox.sweep-interval", "500ms").build();
    }

    private int healthStatus() {
        try {
            return http.toBlocking().exchange(HttpRequest.GET("/health"), String.class).getStatus().getCode();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private String publish(String agency, String title) {
        HttpResponse<Map<String, Object>> r = http.toBlocking().exchange(
                HttpRequest.POST("/api/problem-statements", ProblemStatementJson.valid(agency, title)), MAP);
        assertThat(r.getStatus().getCode()).isEqualTo(201);
        return (String) r.body().get("id");
    }

    private long update(String id, long version) {
        Map<String, Object> updated = http.toBlocking().retrieve(HttpRequest.PUT("/api/problem-statements/" + id,
                ProblemStatementJson.withVersion("IN_DISCUSSION", version)), MAP);
        return ((Number) updated.get("version")).longValue();
    }

    @Test
    void writesAreAcceptedDuringABrokerOutageAndEveryEventArrivesOnceInOrder() throws Exception {
        try (TopicProbe topic = TopicProbe.of(Topics.PROBLEM_STATEMENTS_NAME)) {
            // Warm up: the relay has published before, so the outage hits a live producer.
            String warm = publish("OUTAGE", "Statement before the outage");
            topic.awaitKey(warm, 1);

            List<String> ids = new ArrayList<>();
            try (TestKafka.Outage outage = TestKafka.get().outage()) {
                for (int i = 0; i < 5; i++) {
                    String id = publish("OUTAGE", "Statement written while Kafka is down " + i);
                    long v = update(id, 0);
                    update(id, v);
                    ids.add(id);
                }
                assertThat(outbox.countUnpublished()).as("events wait in the outbox").isGreaterThanOrEqualTo(15);
                // Health tells operators Kafka is away (503), while writes keep being accepted.
                await().atMost(Duration.ofSeconds(45)).until(() -> healthStatus() == 503);
            }

            for (String id : ids) {
                List<ConsumerRecord<String, String>> events = topic.await(r -> id.equals(r.key()), 3, Duration.ofSeconds(90));
                List<Long> versions = new ArrayList<>();
                Set<String> eventIds = new HashSet<>();
                for (ConsumerRecord<String, String> r : events) {
                    Map<String, Object> envelope = json.readValue(r.value(), MAP);
                    eventIds.add((String) envelope.get("eventId"));
                    versions.add(((Number) ((Map<String, Object>) envelope.get("data")).get("version")).longValue());
                }
                assertThat(eventIds).as("no event twice").hasSize(events.size());
                assertThat(versions).as("in order per key").containsExactly(0L, 1L, 2L);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.countUnpublished() == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> healthStatus() == 200);
        }
    }

    @Test
    void aRelayThatDiesBeforeMarkingResendsWithTheSameEventIds() throws Exception {
        try (TopicProbe topic = TopicProbe.of(Topics.PROBLEM_STATEMENTS_NAME)) {
            String id = publish("CRASH", "Statement whose event is re-sent after a crash");
            update(id, 0);
            List<ConsumerRecord<String, String>> first = topic.await(r -> id.equals(r.key()), 2, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.countUnpublished() == 0);

            // The state a crash between Kafka's acknowledgement and the marking leaves behind:
            // the rows were sent but are still unmarked.
            try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE outbox_event SET published_at = NULL WHERE record_key = '" + id + "'");
            }
            relay.wake();

            List<ConsumerRecord<String, String>> all = topic.await(r -> id.equals(r.key()), 4, Duration.ofSeconds(30));
            Set<String> firstIds = new HashSet<>();
            for (ConsumerRecord<String, String> r : first) {
                firstIds.add((String) json.readValue(r.value(), MAP).get("eventId"));
            }
            List<String> resentIds = new ArrayList<>();
            for (ConsumerRecord<String, String> r : all.subList(2, all.size())) {
                resentIds.add((String) json.readValue(r.value(), MAP).get("eventId"));
            }
            assertThat(resentIds).as("duplicates only with the same eventId").containsExactlyInAnyOrderElementsOf(firstIds);
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.countUnpublished() == 0);
        }
    }
}
