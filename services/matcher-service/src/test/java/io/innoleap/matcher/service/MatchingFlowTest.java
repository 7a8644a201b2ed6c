package io.innoleap.matcher.service;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.matcher.events.IntakeListeners;
import io.innoleap.servicekit.kafka.DeadLetters;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service end to end: snapshots in on the intake topics, matches out over REST and on
 * {@code innoleap.matches}, on the real broker and database. Each test uses its own data set
 * (themes with their own prefix), so tests do not see each other's candidates.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatchingFlowTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    OutboxRepository outbox;

    @Value("${innoleap.kafka.group-suffix}")
    String groupSuffix;

    private Intake intake;
    private TopicProbe matches;
    private TopicProbe problemDlq;
    private TopicProbe profileDlq;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("matcher-flow").actingAs("office").build();
    }

    @BeforeAll
    void start() {
        intake = new Intake(json, IntakeListeners.GROUP + groupSuffix);
        matches = TopicProbe.of(Topics.MATCHES_NAME);
        problemDlq = TopicProbe.of(Topics.PROBLEM_STATEMENTS.deadLetterTopic());
        profileDlq = TopicProbe.of(Topics.SOLUTION_PROFILES.deadLetterTopic());
    }

    @AfterAll
    void stop() {
        intake.close();
        matches.close();
        problemDlq.close();
        profileDlq.close();
    }

    // ------------------------------------------------------------------ helpers

    private List<Map<String, Object>> byProblem(UUID id) {
        return items(http.toBlocking().retrieve(HttpRequest.GET("/api/matches?problemStatementId=" + id), MAP));
    }

    private List<Map<String, Object>> byProfile(UUID id) {
        return items(http.toBlocking().retrieve(HttpRequest.GET("/api/matches?solutionProfileId=" + id + "&limit=100"), MAP));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("items");
    }

    private static List<String> profileIds(List<Map<String, Object>> items) {
        return items.stream().map(i -> (String) i.get("solutionProfileId")).toList();
    }

    private static String key(ProblemStatementSnapshot p, SolutionProfileSnapshot s) {
        return p.id() + ":" + s.id();
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

    /** Waits until every change stored so far has been published by the outbox relay. */
    private void awaitOutboxDrained() {
        Awaitility.await().atMost(WAIT).until(() -> outbox.countUnpublished() == 0);
    }

    private List<Map<String, Object>> events(String key) {
        return matches.recordsWithKey(key).stream().map(this::envelope).toList();
    }

    /** The last event of every key this data set touches, by key. */
    private Map<String, Map<String, Object>> lastEvents(Dataset d) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (ProblemStatementSnapshot p : d.problems()) {
            for (SolutionProfileSnapshot s : d.profiles()) {
                List<Map<String, Object>> e = events(key(p, s));
                if (!e.isEmpty()) {
                    out.put(key(p, s), e.get(e.size() - 1));
                }
            }
        }
        return out;
    }

    private void publishAndAwait(Dataset d) {
        List<RecordMetadata> sent = new ArrayList<>();
        d.profiles().forEach(s -> sent.add(intake.profile(s)));
        d.problems().forEach(p -> sent.add(intake.problem(p)));
        intake.awaitConsumed(sent.toArray(RecordMetadata[]::new));
        awaitOutboxDrained();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void ranksAndExplainsMatchesOverRestAndKafka() {
        Dataset d = new Dataset("rank-" + UUID.randomUUID().toString().substring(0, 8));
        publishAndAwait(d);

        List<Map<String, Object>> bus = byProblem(d.busBunching.id());
        assertThat(profileIds(bus)).as("candidates share a theme; the one written for the problem is first")
                .containsExactlyInAnyOrder(d.fleetSense.id().toString(), d.junctionEye.id().toString(),
                        d.openLake.id().toString())
                .first().isEqualTo(d.fleetSense.id().toString());
        assertThat(profileIds(byProblem(d.emergencyWaits.id())))
                .containsExactlyInAnyOrder(d.triageCast.id().toString(), d.shiftWell.id().toString(),
                        d.openLake.id().toString())
                .first().isEqualTo(d.triageCast.id().toString());
        assertThat(profileIds(byProblem(d.illegalDumping.id())))
                .containsExactlyInAnyOrder(d.reserveWatch.id().toString(), d.openLake.id().toString())
                .first().isEqualTo(d.reserveWatch.id().toString());

        // Best first, scores in [0,1], ranks 1..n, and an explanation.
        for (int i = 0; i < bus.size(); i++) {
            Map<String, Object> item = bus.get(i);
            assertThat(item).containsEntry("rank", i + 1).containsEntry("problemStatementId", d.busBunching.id().toString())
                    .containsKeys("computedAt", "score", "sharedThemes", "matchedTerms");
            double score = ((Number) item.get("score")).doubleValue();
            assertThat(score).isBetween(0.0, 1.0);
            if (i > 0) {
                assertThat(score).isLessThanOrEqualTo(((Number) bus.get(i - 1).get("score")).doubleValue());
            }
        }
        Map<String, Object> best = bus.get(0);
        assertThat((List<String>) best.get("sharedThemes")).containsExactly(d.theme("transport"));
        assertThat((List<String>) best.get("matchedTerms")).isNotEmpty()
                .allSatisfy(t -> assertThat(d.busBunching.title() + " " + d.busBunching.description())
                        .containsIgnoringCase(t));
        Map<String, Object> generic = bus.stream()
                .filter(i -> i.get("solutionProfileId").equals(d.openLake.id().toString())).findFirst().orElseThrow();
        assertThat((List<String>) generic.get("sharedThemes"))
                .containsExactlyInAnyOrder(d.theme("data"), d.theme("transport"));

        // By profile: the generic platform is on all three lists, highest score first.
        List<Map<String, Object>> lake = byProfile(d.openLake.id());
        assertThat(lake).extracting(i -> (String) i.get("problemStatementId")).containsExactlyInAnyOrder(
                d.busBunching.id().toString(), d.emergencyWaits.id().toString(), d.illegalDumping.id().toString());
        assertThat(lake).extracting(i -> ((Number) i.get("score")).doubleValue())
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));

        // On innoleap.matches: each pair was first proposed, and its latest event is what REST shows. An
        // event's rank is the pair's position when it was last published (a pair only pushed along by
        // another is not republished), so the events, read by score, rank and profile id, give REST's order.
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Map<String, Object>> last = lastEvents(d);
            for (ProblemStatementSnapshot p : d.problems()) {
                List<Map<String, Object>> list = byProblem(p.id());
                List<Map<String, Object>> published = new ArrayList<>();
                for (Map<String, Object> item : list) {
                    String key = p.id() + ":" + item.get("solutionProfileId");
                    assertThat(events(key).get(0)).containsEntry("type", "MatchProposed");
                    Map<String, Object> latest = data(last.get(key));
                    assertThat(latest).containsEntry("active", true)
                            .containsEntry("score", item.get("score")).containsEntry("version", item.get("version"))
                            .containsEntry("sharedThemes", item.get("sharedThemes"));
                    // The contract's serialiser leaves an empty list out of the event.
                    assertThat(latest.getOrDefault("matchedTerms", List.of())).isEqualTo(item.get("matchedTerms"));
                    published.add(latest);
                }
                published.sort(Comparator.<Map<String, Object>>comparingDouble(
                                e -> -((Number) e.get("score")).doubleValue())
                        .thenComparingInt(e -> ((Number) e.get("rank")).intValue())
                        .thenComparing(e -> (String) e.get("solutionProfileId")));
                assertThat(published).extracting(e -> e.get("solutionProfileId"))
                        .as("the events of %s, read by score, rank and profile id, are in REST's order", p.id())
                        .containsExactlyElementsOf(profileIds(list));
            }
        });
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class))
                .contains("innoleap_matcher_match_events_total{", "innoleap_matcher_apply_seconds_count{",
                        "innoleap_matcher_rebuild_seconds",
                        // consumer lag per consumed partition and the worst of each consumer
                        "kafka_consumer_records_lag_records{", "topic=\"innoleap_problem-statements\"",
                        "kafka_consumer_records_lag_max_records{", "innoleap_outbox_backlog");
        // Versions grow by one per event of a pair.
        for (String key : lastEvents(d).keySet()) {
            List<Map<String, Object>> e = events(key);
            for (int i = 0; i < e.size(); i++) {
                assertThat(data(e.get(i))).containsEntry("version", i);
            }
        }
    }

    @Test
    void anUpdateReRanks() {
        Dataset d = new Dataset("update-" + UUID.randomUUID().toString().substring(0, 8));
        publishAndAwait(d);
        assertThat(profileIds(byProblem(d.busBunching.id())).get(0)).isEqualTo(d.fleetSense.id().toString());
        int overtakenEvents = events(key(d.busBunching, d.fleetSense)).size();

        // JunctionEye pivots to exactly the agency's problem and overtakes FleetSense.
        SolutionProfileSnapshot pivot = Dataset.rewritten(d.junctionEye, "BunchBuster",
                "BunchBuster predicts bus bunching on busy trunk routes at peak hour from vehicle locations, and holds "
                        + "or speeds up buses to keep even headways so commuters wait less and buses are less crowded.",
                List.of("bus bunching", "headways", "trunk routes"));
        intake.awaitConsumed(intake.profile(pivot));
        awaitOutboxDrained();

        List<Map<String, Object>> bus = byProblem(d.busBunching.id());
        assertThat(profileIds(bus)).startsWith(d.junctionEye.id().toString(), d.fleetSense.id().toString());
        assertThat(bus).extracting(m -> m.get("rank")).startsWith(1, 2);
        assertThat((List<String>) bus.get(0).get("matchedTerms")).isNotEmpty();
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> pivoted = events(key(d.busBunching, d.junctionEye)).get(
                    events(key(d.busBunching, d.junctionEye)).size() - 1);
            assertThat(pivoted).containsEntry("type", "MatchUpdated");
            assertThat(data(pivoted)).containsEntry("rank", 1).containsEntry("active", true);
            // FleetSense only moved down because JunctionEye passed it: not news. Its published score,
            // now below JunctionEye's, already orders it second.
            List<Map<String, Object>> overtaken = events(key(d.busBunching, d.fleetSense));
            assertThat(overtaken).hasSize(overtakenEvents);
            assertThat(((Number) data(overtaken.get(overtaken.size() - 1)).get("score")).doubleValue())
                    .isLessThan(((Number) data(pivoted).get("score")).doubleValue());
            assertThat(data(overtaken.get(overtaken.size() - 1))).as("its last event still says 1st").containsEntry("rank", 1);
        });
        // Read from the profile's side, FleetSense's rank is its position in the problem's list now.
        Map<String, Object> fleetOnBus = byProfile(d.fleetSense.id()).stream()
                .filter(m -> d.busBunching.id().toString().equals(m.get("problemStatementId"))).findFirst().orElseThrow();
        assertThat(fleetOnBus).containsEntry("rank", 2);
    }

    @Test
    void withdrawalAndClosureRetractAndAnOlderSnapshotChangesNothing() {
        Dataset d = new Dataset("retract-" + UUID.randomUUID().toString().substring(0, 8));
        publishAndAwait(d);
        assertThat(profileIds(byProblem(d.emergencyWaits.id()))).contains(d.triageCast.id().toString());

        SolutionProfileSnapshot withdrawn = Dataset.withStatus(d.triageCast, SolutionProfileStatus.WITHDRAWN);
        ProblemStatementSnapshot closed = Dataset.withStatus(d.illegalDumping, ProblemStatementStatus.CLOSED);
        intake.awaitConsumed(intake.profile(withdrawn), intake.problem(closed));
        awaitOutboxDrained();

        assertThat(profileIds(byProblem(d.emergencyWaits.id())))
                .containsExactlyInAnyOrder(d.shiftWell.id().toString(), d.openLake.id().toString());
        assertThat(byProfile(d.triageCast.id())).as("known profile without matches: 200, empty").isEmpty();
        assertThat(byProblem(d.illegalDumping.id())).as("closed problem: 200, empty").isEmpty();
        assertThat(profileIds(byProfile(d.openLake.id()))).hasSize(2);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            for (String key : List.of(key(d.emergencyWaits, d.triageCast), key(d.illegalDumping, d.reserveWatch),
                    key(d.illegalDumping, d.openLake))) {
                List<Map<String, Object>> e = events(key);
                Map<String, Object> last = e.get(e.size() - 1);
                assertThat(last).as(key).containsEntry("type", "MatchRetracted");
                assertThat(data(last)).containsEntry("active", false).containsEntry("version", e.size() - 1);
            }
        });

        // The withdrawn profile's older snapshot (version 0, ACTIVE) arrives late: nothing changes.
        int eventsBefore = events(key(d.emergencyWaits, d.triageCast)).size();
        int allBefore = matches.records().size();
        intake.awaitConsumed(intake.profile(d.triageCast));
        awaitOutboxDrained();
        assertThat(profileIds(byProblem(d.emergencyWaits.id()))).doesNotContain(d.triageCast.id().toString());
        assertThat(byProfile(d.triageCast.id())).isEmpty();
        // Marker: a fresh change after the stale one is published, and the stale one added nothing before it.
        SolutionProfileSnapshot shiftWellV1 = Dataset.withStatus(d.shiftWell, SolutionProfileStatus.WITHDRAWN);
        intake.awaitConsumed(intake.profile(shiftWellV1));
        awaitOutboxDrained();
        Awaitility.await().atMost(WAIT).until(() -> events(key(d.emergencyWaits, d.shiftWell)).stream()
                .anyMatch(e -> "MatchRetracted".equals(e.get("type"))));
        assertThat(events(key(d.emergencyWaits, d.triageCast))).hasSize(eventsBefore);
        assertThat(matches.records().subList(allBefore, matches.records().size()))
                .noneMatch(r -> r.key().contains(d.triageCast.id().toString()));
    }

    @Test
    void aDuplicateDeliveryCreatesNoDuplicateEvent() {
        Dataset d = new Dataset("dup-" + UUID.randomUUID().toString().substring(0, 8));
        String problemValue = intake.envelope(ProblemStatementSnapshot.PUBLISHED, d.busBunching);
        String profileValue = intake.envelope(SolutionProfileSnapshot.REGISTERED, d.fleetSense);
        List<RecordMetadata> sent = new ArrayList<>();
        sent.add(intake.send(Topics.SOLUTION_PROFILES_NAME, d.fleetSense.id().toString(), profileValue));
        sent.add(intake.profile(d.openLake));
        sent.add(intake.send(Topics.PROBLEM_STATEMENTS_NAME, d.busBunching.id().toString(), problemValue));
        intake.awaitConsumed(sent.toArray(RecordMetadata[]::new));
        awaitOutboxDrained();
        Awaitility.await().atMost(WAIT).until(() -> events(key(d.busBunching, d.fleetSense)).size() == 1
                && events(key(d.busBunching, d.openLake)).size() == 1);
        List<Map<String, Object>> before = byProblem(d.busBunching.id());

        // The very same records again (as after a producer retry or a consumer crash before commit).
        intake.awaitConsumed(intake.send(Topics.SOLUTION_PROFILES_NAME, d.fleetSense.id().toString(), profileValue),
                intake.send(Topics.PROBLEM_STATEMENTS_NAME, d.busBunching.id().toString(), problemValue),
                intake.profile(d.openLake));
        awaitOutboxDrained();

        assertThat(byProblem(d.busBunching.id())).isEqualTo(before);
        assertThat(events(key(d.busBunching, d.fleetSense))).hasSize(1);
        assertThat(events(key(d.busBunching, d.openLake))).hasSize(1);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        Dataset d = new Dataset("poison-" + UUID.randomUUID().toString().substring(0, 8));
        // Same keys as the valid records that follow, so they sit on the same partition right before them.
        String problemKey = d.busBunching.id().toString();
        String profileKey = d.fleetSense.id().toString();
        intake.send(Topics.PROBLEM_STATEMENTS_NAME, problemKey, "{not json");
        intake.send(Topics.SOLUTION_PROFILES_NAME, profileKey, "{\"eventId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"SolutionProfileRegistered\",\"occurredAt\":\"2026-11-22T10:00:00Z\","
                + "\"schemaVersion\":1,\"data\":{\"solutionName\":\"No id, no themes, no status\"}}");
        RecordMetadata profile = intake.profile(d.fleetSense);
        RecordMetadata problem = intake.problem(d.busBunching);
        intake.awaitConsumed(profile, problem);
        awaitOutboxDrained();

        assertThat(profileIds(byProblem(d.busBunching.id()))).containsExactly(d.fleetSense.id().toString());
        ConsumerRecord<String, String> badJson = problemDlq.await(r -> problemKey.equals(r.key()), 1, WAIT).get(0);
        assertThat(badJson.value()).isEqualTo("{not json");
        assertThat(header(badJson, DeadLetters.ERROR_MESSAGE)).isNotBlank();
        assertThat(header(badJson, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(Topics.PROBLEM_STATEMENTS_NAME);
        assertThat(header(badJson, DeadLetters.CONSUMER_GROUP)).isEqualTo(IntakeListeners.GROUP + groupSuffix);
        ConsumerRecord<String, String> missing = profileDlq.await(r -> profileKey.equals(r.key()), 1, WAIT).get(0);
        assertThat(missing.value()).contains("No id, no themes");
        assertThat(header(missing, DeadLetters.ERROR_MESSAGE)).isNotBlank();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void rejectsBadQueriesWithProblemDetails() {
        assertBadRequest("/api/matches", "problemStatementId", "solutionProfileId");
        assertBadRequest("/api/matches?problemStatementId=" + UUID.randomUUID() + "&solutionProfileId="
                + UUID.randomUUID(), "problemStatementId", "solutionProfileId");
        assertBadRequest("/api/matches?problemStatementId=" + UUID.randomUUID() + "&limit=0", "limit");
        assertBadRequest("/api/matches?problemStatementId=" + UUID.randomUUID() + "&limit=101", "limit");
        assertBadRequest("/api/matches?solutionProfileId=" + UUID.randomUUID() + "&limit=ten", "limit");
        assertBadRequest("/api/matches?problemStatementId=bus-bunching", "problemStatementId");

        for (String param : List.of("problemStatementId", "solutionProfileId")) {
            assertThatThrownBy(() -> http.toBlocking().exchange(
                    HttpRequest.GET("/api/matches?" + param + "=" + UUID.randomUUID()), MAP))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
                        assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                                t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
                    });
        }
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/health"), String.class).getStatus().getCode())
                .isEqualTo(200);
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class)).contains("jvm_");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/swagger/innoleap-matcher-service-1.yml"), String.class))
                .contains("/api/matches");
    }

    private void assertBadRequest(String uri, String... fields) {
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET(uri), MAP))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                            t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
                    String body = e.getResponse().getBody(String.class).orElseThrow();
                    for (String field : fields) {
                        assertThat(body).contains("\"field\":\"" + field + "\"");
                    }
                });
    }
}
