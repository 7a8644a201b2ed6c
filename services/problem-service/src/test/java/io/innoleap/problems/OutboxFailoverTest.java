package io.innoleap.problems;

import io.innoleap.contracts.topics.Topics;
import io.innoleap.servicekit.outbox.OutboxEvent;
import io.innoleap.servicekit.outbox.OutboxRelay;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestOidc;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of problem-service on one database: exactly one publishes the outbox; when it
 * stops, the other takes over within the lease and nothing is lost, duplicated out of order or
 * left behind; the last record of every key is its newest snapshot. And a record Kafka refuses
 * for good is parked without holding up anyone else.
 */
class OutboxFailoverTest {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private final List<ApplicationContext> replicas = new ArrayList<>();

    @AfterEach
    void stopReplicas() {
        replicas.forEach(ApplicationContext::close);
    }

    private ApplicationContext replica(Map<String, String> shared) {
        Map<String, Object> props = new LinkedHashMap<>(shared);
        props.put("micronaut.server.port", -1);
        ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, props).getApplicationContext();
        replicas.add(ctx);
        return ctx;
    }

    private static String post(ApplicationContext replica, String title) {
        HttpClient http = replica.createBean(HttpClient.class, replica.getBean(EmbeddedServer.class).getURL());
        Map<String, Object> created = http.toBlocking().retrieve(HttpRequest.POST("/api/problem-statements",
                ProblemStatementJson.valid("FAILOVER", title)).bearerAuth(TestOidc.get().token("office")), MAP);
        return (String) created.get("id");
    }

    private static long update(ApplicationContext replica, String id, long version) {
        HttpClient http = replica.createBean(HttpClient.class, replica.getBean(EmbeddedServer.class).getURL());
        Map<String, Object> updated = http.toBlocking().retrieve(HttpRequest.PUT("/api/problem-statements/" + id,
                ProblemStatementJson.withVersion("IN_DISCUSSION", version)).bearerAuth(TestOidc.get().token("office")), MAP);
        return ((Number) updated.get("version")).longValue();
    }

    private static boolean publishes(ApplicationContext replica) {
        return replica.getBean(OutboxRelay.class).isPublisher();
    }

    @Test
    void oneReplicaPublishesAndTheOtherTakesOverWithinTheLease() throws Exception {
        Map<String, String> shared = ServiceTestProperties.forService("problem-failover")
                .with("innoleap.outbox.lease", "5s").with("innoleap.outbox.sweep-interval", "300ms").build();
        ApplicationContext a = replica(shared);
        ApplicationContext b = replica(shared);
        JsonMapper json = a.getBean(JsonMapper.class);
        try (TopicProbe topic = TopicProbe.of(Topics.PROBLEM_STATEMENTS_NAME)) {
            // Writes through both replicas; their events are published by one of them, once, in order.
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ApplicationContext via = i % 2 == 0 ? a : b;
                String id = post(via, "Failover " + i);
                update(via, id, 0);
                ids.add(id);
            }
            for (String id : ids) {
                // A publisher that loses its lease mid-batch leaves rows unmarked: they are sent again
                // with the same eventId. Never out of order, never a lost or an invented event.
                List<ConsumerRecord<String, String>> records = topic.awaitKey(id, 2);
                assertThat(versions(json, records)).isSorted().startsWith(0L).endsWith(1L);
                assertThat(eventIds(json, records)).hasSize(2);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> publishes(a) || publishes(b));
            assertThat(publishes(a) && publishes(b)).as("never two publishers at once").isFalse();
            ApplicationContext leader = publishes(a) ? a : b;
            ApplicationContext standby = leader == a ? b : a;

            // The publisher goes away; writes go on through the other replica.
            long stoppedAt = System.nanoTime();
            leader.close();
            replicas.remove(leader);
            String later = post(standby, "Written after the fail-over");
            long v = update(standby, ids.get(0), 1);
            assertThat(v).isEqualTo(2L);
            await().atMost(Duration.ofSeconds(20)).until(() -> publishes(standby));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<Long> seen = versions(json, topic.recordsWithKey(ids.get(0)));
                return !seen.isEmpty() && seen.get(seen.size() - 1) == 2L;
            });
            topic.awaitKey(later, 1);
            long failoverMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
            System.out.printf("outbox fail-over: events flowed again %d ms after the publisher stopped (lease 5 s)%n", failoverMillis);
            assertThat(failoverMillis).as("fail-over within the lease plus a few sweeps").isLessThan(20_000);
            // The newest snapshot is the last record of its key: what compaction keeps.
            List<Long> versions = versions(json, topic.recordsWithKey(ids.get(0)));
            assertThat(versions.get(versions.size() - 1)).isEqualTo(2L);
            assertThat(versions).isSorted();
        }
    }

    @Test
    void aRecordKafkaRefusesIsParkedAndOnlyItsAggregateWaits() throws Exception {
        Map<String, String> shared = ServiceTestProperties.forService("problem-poison")
                .with("innoleap.outbox.max-attempts", "3").with("innoleap.outbox.sweep-interval", "300ms")
                .with("innoleap.outbox.monitor-interval", "500ms").build();
        ApplicationContext service = replica(shared);
        OutboxRepository outbox = service.getBean(OutboxRepository.class);
        String poisoned = UUID.randomUUID().toString();
        // More than the producer's 1 MiB request limit: Kafka refuses it, however often it is sent.
        OutboxEvent tooLarge = outbox.save(new OutboxEvent(null, UUID.randomUUID(), Topics.PROBLEM_STATEMENTS_NAME, poisoned,
                "ProblemStatementUpdated", "{\"padding\":\"" + "x".repeat(1_200_000) + "\"}", Instant.now(), null, 0, null));
        OutboxEvent behindIt = outbox.save(new OutboxEvent(null, UUID.randomUUID(), Topics.PROBLEM_STATEMENTS_NAME, poisoned,
                "ProblemStatementUpdated", "{\"after\":\"the parked one\"}", Instant.now(), null, 0, null));
        try (TopicProbe topic = TopicProbe.of(Topics.PROBLEM_STATEMENTS_NAME)) {
            service.getBean(OutboxRelay.class).wake();
            String other = post(service, "Another aggregate goes on");
            topic.awaitKey(other, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.findById(tooLarge.id()).orElseThrow().parkedAt() != null);
            assertThat(outbox.findById(tooLarge.id()).orElseThrow().attempts()).isEqualTo(3);
            assertThat(outbox.findById(tooLarge.id()).orElseThrow().lastError()).contains("RecordTooLarge");
            assertThat(outbox.findById(behindIt.id()).orElseThrow().publishedAt()).as("waits behind the parked row").isNull();
            String afterParking = post(service, "Still flowing after the parking");
            topic.awaitKey(afterParking, 1);
            assertThat(topic.recordsWithKey(poisoned)).isEmpty();
            HttpClient http = service.createBean(HttpClient.class, service.getBean(EmbeddedServer.class).getURL());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String health = http.toBlocking().retrieve(HttpRequest.GET("/health"), String.class);
                assertThat(health).contains("\"parked\":1");
                String metrics = http.toBlocking().retrieve(HttpRequest.GET("/prometheus").bearerAuth(TestOidc.get().token("metrics")), String.class);
                assertThat(metrics).containsPattern("innoleap_outbox_parked(\\{[^}]*})? 1\\.0");
            });
        }
    }

    @SuppressWarnings("unchecked")
    /**
     * The publisher dies after Kafka committed its transaction and before it marked the rows (the
     * window between commit and marking): its rows are on the topic and unmarked. The replica that
     * publishes next finds those events on the topic and marks them instead of sending them again:
     * each event is on the topic once.
     */
    @Test
    void aPublisherThatDiesBetweenCommitAndMarkingIsNotRepeatedByItsSuccessor() throws Exception {
        Map<String, String> shared = ServiceTestProperties.forService("problem-dies")
                .with("innoleap.outbox.lease", "5s").with("innoleap.outbox.sweep-interval", "300ms").build();
        ApplicationContext a = replica(shared);
        JsonMapper json = a.getBean(JsonMapper.class);
        try (TopicProbe topic = TopicProbe.of(Topics.PROBLEM_STATEMENTS_NAME)) {
            String id = post(a, "Committed to Kafka, never marked");
            update(a, id, 0);
            topic.awaitKey(id, 2);
            OutboxRepository outboxOfA = a.getBean(OutboxRepository.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxOfA.countUnpublished() == 0);
            a.close(); // the publisher's process is gone...
            replicas.remove(a);
            // ...and what it leaves when it dies between Kafka's commit and the marking: rows on the topic, unmarked.
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(shared.get("datasources.default.url"),
                    shared.get("datasources.default.username"), shared.get("datasources.default.password"));
                 java.sql.Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE outbox_event SET published_at = NULL WHERE record_key = '" + id + "'"))
                        .isEqualTo(2);
            }

            ApplicationContext b = replica(shared);
            OutboxRepository outbox = b.getBean(OutboxRepository.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> publishes(b));
            String later = post(b, "Written after the take-over");
            topic.awaitKey(later, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.countUnpublished() == 0);
            // Anything sent again would be on the topic by now: the later event came after it.
            assertThat(topic.recordsWithKey(id)).as("the events the dead publisher committed, once each").hasSize(2);
            assertThat(eventIds(json, topic.recordsWithKey(id))).hasSize(2);
        }
    }

    /**
     * A publisher that stops gives the lease up and leaves no relay thread behind: its successor
     * publishes at once instead of waiting out the lease. The sweep runs every 2 ms here, so runs fall
     * into the shutdowns. A run that started after the relay was destroyed used to create the relay
     * again, which took the lease back (or ran passes against the closed pool) with nobody left to
     * stop it; whether one does in a given shutdown is a matter of timing, so the next test pins the
     * cause down.
     */
    @Test
    void aPublisherThatStopsGivesTheLeaseUpAndLeavesNothingRunning() throws Exception {
        Map<String, String> shared = ServiceTestProperties.forService("problem-stops")
                .with("innoleap.outbox.lease", "10s").with("innoleap.outbox.sweep-interval", "2ms").build();
        for (int round = 0; round < 3; round++) {
            Set<Thread> before = relayThreads();
            ApplicationContext publisher = replica(shared);
            long startedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> publishes(publisher));
            long takeOverMillis = (System.nanoTime() - startedAt) / 1_000_000;
            if (round > 0) {
                assertThat(takeOverMillis).as("publishing at once after the previous publisher stopped, not after its 10 s lease")
                        .isLessThan(5_000);
            }
            publisher.close();
            replicas.remove(publisher);
            assertThat(leaseReleased(shared)).as("the lease is given up on stopping").isTrue();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> before.containsAll(relayThreads()) && leaseReleased(shared));
        }
    }

    /**
     * The cause of the above: Micronaut looks a job's bean up on every run and cancels the runs only
     * when it destroys its scheduler, so a run could create a destroyed bean again. No job starts
     * once the service begins to stop (here the shutdown lingers 100 ms while a job is due every ms).
     */
    @Test
    void noScheduledJobStartsOnceTheServiceBeginsToStop() {
        ApplicationContext service = replica(ServiceTestProperties.forService("problem-stop-jobs")
                .with("test.shutdown-witness", "true").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> ShutdownWitness.runs(service) > 10);
        service.close();
        replicas.remove(service);
        assertThat(ShutdownWitness.runsAfterStop(service)).as("scheduled runs started after the shutdown began").isZero();
    }

    private static Set<Thread> relayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("outbox-relay")).collect(Collectors.toSet());
    }

    /**
     * Whether the lease row has run out by this JVM's clock, the clock the relay wrote it with (not
     * the database server's, which a shifted test clock does not move).
     */
    private static boolean leaseReleased(Map<String, String> shared) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(shared.get("datasources.default.url"),
                shared.get("datasources.default.username"), shared.get("datasources.default.password"));
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT lock_until FROM shedlock WHERE name = 'outbox-relay'")) {
            return !r.next() || !r.getTimestamp(1).toInstant().isAfter(Instant.now());
        }
    }

    private static List<Long> versions(JsonMapper json, List<ConsumerRecord<String, String>> records) throws Exception {
        List<Long> versions = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            Map<String, Object> envelope = json.readValue(r.value(), MAP);
            versions.add(((Number) ((Map<String, Object>) envelope.get("data")).get("version")).longValue());
        }
        return versions;
    }

    private static java.util.Set<String> eventIds(JsonMapper json, List<ConsumerRecord<String, String>> records) throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
            ids.add((String) json.readValue(r.value(), MAP).get("eventId"));
        }
        return ids;
    }
}
