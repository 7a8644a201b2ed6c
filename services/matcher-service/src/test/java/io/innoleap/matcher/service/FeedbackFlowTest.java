package io.innoleap.matcher.service;

import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.matcher.events.IntakeListeners;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestClock;
import io.innoleap.testkit.TestOidc;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Match feedback end to end, over HTTP with real tokens and on the real broker: the agency's
 * NOT_RELEVANT retracts the pair within seconds and keeps it out through re-ranks until a text
 * changes; RELEVANT keeps a pair listed; the provider's verdict is shown; strangers are refused;
 * bad input stores and publishes nothing; an Idempotency-Key retry gives the first verdict again.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackFlowTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final Duration SECONDS = Duration.ofSeconds(5);
    private static final String AURORA = "201912345K";
    private static final String SENSETECH = "202012345M";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    OutboxRepository outbox;
    @Inject
    Clock clock;
    @Value("${innoleap.kafka.group-suffix}")
    String groupSuffix;

    private Intake intake;
    private TopicProbe matches;
    private TopicProbe feedback;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("matcher-feedback").actingAs("office").build();
    }

    @BeforeAll
    void start() {
        intake = new Intake(json, IntakeListeners.GROUP + groupSuffix);
        matches = TopicProbe.of(Topics.MATCHES_NAME);
        feedback = TopicProbe.of(Topics.MATCH_FEEDBACK_NAME);
    }

    @AfterAll
    void stop() {
        intake.close();
        matches.close();
        feedback.close();
    }

    @Test
    void theAgencysVerdictRetractsAndKeepsThePairOutUntilATextChanges() {
        assertThat(clock).isInstanceOf(TestClock.class);
        Dataset d = new Dataset("feedback-" + UUID.randomUUID().toString().substring(0, 8));
        SolutionProfileSnapshot fleetSense = Dataset.ownedBy(d.fleetSense, AURORA);
        SolutionProfileSnapshot junctionEye = Dataset.ownedBy(d.junctionEye, SENSETECH);
        publish(d, fleetSense, junctionEye);
        UUID bus = d.busBunching.id();
        assertThat(listed(bus)).contains(junctionEye.id().toString(), fleetSense.id().toString());

        // The agency: NOT_RELEVANT. The pair leaves the list at once, and MatchRetracted follows within seconds.
        String key = "not-relevant-" + UUID.randomUUID();
        HttpResponse<Map<String, Object>> given = give("lta", bus, junctionEye.id(), "NOT_RELEVANT",
                "Traffic lights, not bus headways", key);
        assertThat(given.getStatus().getCode()).isEqualTo(201);
        assertThat(given.body()).containsEntry("side", "AGENCY").containsEntry("verdict", "NOT_RELEVANT")
                .containsEntry("version", 0);
        assertThat(Instant.parse((String) given.body().get("givenAt"))).as("the service's clock, not today's date")
                .isBetween(TestClock.DEFAULT_START, clock.instant());
        assertThat(listed(bus)).doesNotContain(junctionEye.id().toString()).contains(fleetSense.id().toString());
        String pair = bus + ":" + junctionEye.id();
        Awaitility.await().atMost(SECONDS).until(() -> "MatchRetracted".equals(lastType(matches.recordsWithKey(pair))));
        Map<String, Object> event = envelope(feedback.await(r -> pair.equals(r.key()), 1, SECONDS).get(0));
        assertThat(event).containsEntry("type", "MatchFeedbackGiven").containsEntry("actor", "lta");
        assertThat(data(event)).containsEntry("verdict", "NOT_RELEVANT").containsEntry("side", "AGENCY")
                .containsEntry("reason", "Traffic lights, not bus headways");

        // A retry with the same key: the same verdict, nothing new stored or published.
        HttpResponse<Map<String, Object>> again = give("lta", bus, junctionEye.id(), "NOT_RELEVANT",
                "Traffic lights, not bus headways", key);
        assertThat(again.getStatus().getCode()).isEqualTo(201);
        assertThat(again.body()).containsEntry("id", given.body().get("id"));

        // A re-rank of the list (another candidate's text changes): the pair stays out.
        SolutionProfileSnapshot fleetSense2 = Dataset.rewritten(fleetSense, "FleetSense",
                fleetSense.summary() + " It also predicts bunching on trunk routes at peak hour.", fleetSense.keywords());
        intake.awaitConsumed(intake.profile(fleetSense2));
        awaitOutboxDrained();
        assertThat(listed(bus)).doesNotContain(junctionEye.id().toString()).startsWith(fleetSense.id().toString());
        assertThat(feedback.recordsWithKey(pair)).as("the retry published nothing").hasSize(1);

        // The provider's verdict is shown and changes no list; the agency's RELEVANT keeps a pair listed.
        assertThat(give("aurora", bus, fleetSense.id(), "NOT_RELEVANT", null, null).getStatus().getCode())
                .isEqualTo(201);
        assertThat(give("lta", bus, fleetSense.id(), "RELEVANT", "Exactly our problem", null).getStatus().getCode())
                .isEqualTo(201);
        Map<String, Object> top = items(bus).get(0);
        assertThat(top).containsEntry("solutionProfileId", fleetSense.id().toString())
                .containsEntry("feedback", Map.of("agency", "RELEVANT", "provider", "NOT_RELEVANT"));
        assertThat(items(bus).get(1)).containsEntry("feedback", nulls());
        Map<String, Object> byProfile = items("/api/matches?solutionProfileId=" + fleetSense.id()).get(0);
        assertThat(byProfile).containsEntry("feedback", Map.of("agency", "RELEVANT", "provider", "NOT_RELEVANT"));

        // The profile's text changes: the verdict no longer stands, and the pair comes back.
        SolutionProfileSnapshot junctionEye2 = Dataset.rewritten(junctionEye, "JunctionEye",
                junctionEye.summary() + " Buses at junctions get priority so they keep their headways.",
                junctionEye.keywords());
        intake.awaitConsumed(intake.profile(junctionEye2));
        awaitOutboxDrained();
        assertThat(listed(bus)).contains(junctionEye.id().toString());
        Awaitility.await().atMost(SECONDS).until(() -> "MatchProposed".equals(lastType(matches.recordsWithKey(pair))));
    }

    @Test
    void othersAreRefusedAndBadInputChangesNothing() {
        Dataset d = new Dataset("feedback-deny-" + UUID.randomUUID().toString().substring(0, 8));
        SolutionProfileSnapshot fleetSense = Dataset.ownedBy(d.fleetSense, AURORA);
        publish(d, fleetSense, d.junctionEye);
        UUID bus = d.busBunching.id();
        String pair = bus + ":" + fleetSense.id();

        assertThat(status("nea", Map.of("problemStatementId", bus.toString(), "solutionProfileId",
                fleetSense.id().toString(), "verdict", "NOT_RELEVANT"))).isEqualTo(403);
        assertThat(status("sensetech", Map.of("problemStatementId", bus.toString(), "solutionProfileId",
                fleetSense.id().toString(), "verdict", "NOT_RELEVANT"))).isEqualTo(403);
        assertThat(status("coordinator", Map.of("problemStatementId", bus.toString(), "solutionProfileId",
                fleetSense.id().toString(), "verdict", "NOT_RELEVANT"))).isEqualTo(403);
        // The agency may not speak for the provider's side.
        assertThat(status("lta", Map.of("problemStatementId", bus.toString(), "solutionProfileId",
                fleetSense.id().toString(), "verdict", "NOT_RELEVANT", "side", "PROVIDER"))).isEqualTo(403);

        HttpClientResponseException bad = refused("lta", Map.of("problemStatementId", "bus-bunching",
                "verdict", "MAYBE", "reason", "a\u0000b"));
        assertThat(bad.getStatus().getCode()).isEqualTo(400);
        assertThat(bad.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        String problem = bad.getResponse().getBody(String.class).orElseThrow();
        for (String field : List.of("problemStatementId", "solutionProfileId", "verdict", "reason")) {
            assertThat(problem).contains("\"field\":\"" + field + "\"");
        }
        assertThat(status("lta", Map.of("problemStatementId", UUID.randomUUID().toString(), "solutionProfileId",
                fleetSense.id().toString(), "verdict", "RELEVANT"))).isEqualTo(404);
        assertThat(status("office", Map.of("problemStatementId", d.emergencyWaits.id().toString(), "solutionProfileId",
                fleetSense.id().toString(), "verdict", "RELEVANT"))).as("a pair the matcher never made").isEqualTo(404);

        // Nothing was stored or published: the list is as it was and the pair has no verdict.
        awaitOutboxDrained();
        assertThat(listed(bus)).first().isEqualTo(fleetSense.id().toString());
        assertThat(items(bus).get(0)).containsEntry("feedback", nulls());
        assertThat(feedback.recordsWithKey(pair)).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private void publish(Dataset d, SolutionProfileSnapshot... owned) {
        Map<UUID, SolutionProfileSnapshot> byId = new HashMap<>();
        for (SolutionProfileSnapshot s : owned) {
            byId.put(s.id(), s);
        }
        List<RecordMetadata> sent = new ArrayList<>();
        d.profiles().forEach(s -> sent.add(intake.profile(byId.getOrDefault(s.id(), s))));
        d.problems().forEach(p -> sent.add(intake.problem(p)));
        intake.awaitConsumed(sent.toArray(RecordMetadata[]::new));
        awaitOutboxDrained();
    }

    private HttpResponse<Map<String, Object>> give(String user, UUID problem, UUID profile, String verdict,
                                                   String reason, String idempotencyKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("problemStatementId", problem.toString());
        body.put("solutionProfileId", profile.toString());
        body.put("verdict", verdict);
        if (reason != null) {
            body.put("reason", reason);
        }
        MutableHttpRequest<Map<String, Object>> request = HttpRequest.POST("/api/matches/feedback", body)
                .bearerAuth(TestOidc.get().token(user));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.toBlocking().exchange(request, MAP);
    }

    private int status(String user, Map<String, Object> body) {
        return refused(user, body).getStatus().getCode();
    }

    private HttpClientResponseException refused(String user, Map<String, Object> body) {
        try {
            http.toBlocking().exchange(HttpRequest.POST("/api/matches/feedback", body)
                    .bearerAuth(TestOidc.get().token(user)), MAP);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    private List<Map<String, Object>> items(UUID problem) {
        return items("/api/matches?problemStatementId=" + problem);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String uri) {
        return (List<Map<String, Object>>) http.toBlocking().retrieve(HttpRequest.GET(uri), MAP).get("items");
    }

    private List<String> listed(UUID problem) {
        return items(problem).stream().map(i -> (String) i.get("solutionProfileId")).toList();
    }

    private static Map<String, Object> nulls() {
        Map<String, Object> m = new HashMap<>();
        m.put("agency", null);
        m.put("provider", null);
        return m;
    }

    private void awaitOutboxDrained() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> outbox.countUnpublished() == 0);
    }

    private String lastType(List<ConsumerRecord<String, String>> records) {
        return records.isEmpty() ? null : (String) envelope(records.get(records.size() - 1)).get("type");
    }

    private Map<String, Object> envelope(ConsumerRecord<String, String> r) {
        try {
            return json.readValue(r.value(), MAP);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> envelope) {
        return (Map<String, Object>) envelope.get("data");
    }
}
