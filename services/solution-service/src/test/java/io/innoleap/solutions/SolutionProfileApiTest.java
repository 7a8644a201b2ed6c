package io.innoleap.solutions;

import io.innoleap.contracts.topics.Topics;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every endpoint over HTTP, and the events each accepted write publishes on Kafka. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class SolutionProfileApiTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final String BASE = "/api/solution-profiles";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;
    @Inject
    Clock clock;

    private TopicProbe topic;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("solution-api").actingAs("office").build();
    }

    @BeforeAll
    void probe() {
        topic = TopicProbe.of(Topics.SOLUTION_PROFILES_NAME);
    }

    @AfterAll
    void closeProbe() {
        topic.close();
    }

    private Map<String, Object> post(SolutionProfileJson body) {
        HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(
                HttpRequest.POST(BASE, body.toJson(json)).contentType(MediaType.APPLICATION_JSON), MAP);
        assertThat((Object) response.getStatus()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> created = response.body();
        assertThat(response.getHeaders().get("Location")).isEqualTo(BASE + "/" + created.get("id"));
        return created;
    }

    private Map<String, Object> put(String id, SolutionProfileJson body) {
        return http.toBlocking().retrieve(HttpRequest.PUT(BASE + "/" + id, body.toJson(json)), MAP);
    }

    private Map<String, Object> withdraw(String id) {
        return http.toBlocking().retrieve(HttpRequest.POST(BASE + "/" + id + "/withdraw", ""), MAP);
    }

    private Map<String, Object> get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path), MAP);
    }

    private Map<String, Object> envelope(ConsumerRecord<String, String> record) throws Exception {
        return json.readValue(record.value(), MAP);
    }

    private static void assertStatus(Runnable call, HttpStatus status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
            assertThat((Object) e.getStatus()).isEqualTo(status);
            assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                    t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
        });
    }

    @Test
    void registersReadsAndNormalises() throws Exception {
        Instant before = clock.instant();
        Map<String, Object> created = post(SolutionProfileJson.valid());
        String id = (String) created.get("id");

        assertThat(created).containsEntry("status", "ACTIVE").containsEntry("version", 0)
                .containsEntry("solutionName", "FleetSense").containsEntry("readinessLevel", 7);
        assertThat((Map<String, Object>) created.get("organisation")).containsEntry("name", "Aurora Robotics Pte Ltd")
                .containsEntry("type", "COMMERCIAL").containsEntry("uen", "201912345K");
        assertThat((List<String>) created.get("themes")).containsExactly("smart-cities", "transport");
        // Trimmed, first spelling kept, case-insensitive duplicates dropped, order kept.
        assertThat((List<String>) created.get("keywords")).containsExactly("headway", "bus", "Computer Vision");
        assertThat((Map<String, Object>) created.get("contact")).containsEntry("email", "priya@aurora.example");
        assertThat(Instant.parse((String) created.get("createdAt"))).isBetween(before, clock.instant());
        assertThat(created.get("updatedAt")).isEqualTo(created.get("createdAt"));

        assertThat(get(BASE + "/" + id)).isEqualTo(created);

        List<ConsumerRecord<String, String>> events = topic.awaitKey(id, 1);
        assertThat(events).hasSize(1);
        Map<String, Object> envelope = envelope(events.get(0));
        assertThat(envelope).containsKeys("eventId", "occurredAt")
                .containsEntry("type", "SolutionProfileRegistered").containsEntry("schemaVersion", 1);
        assertThat((Map<String, Object>) envelope.get("data")).isEqualTo(created);
        assertThat(new String(events.get(0).headers().lastHeader("eventId").value(), StandardCharsets.UTF_8))
                .isEqualTo(envelope.get("eventId"));
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        Map<String, Object> created = post(SolutionProfileJson.valid("Campus Air Monitor")
                .with("organisation.type", "INSTITUTE_OF_HIGHER_LEARNING")
                .with("organisation.uen", SolutionProfileJson.ABSENT)
                .with("keywords", SolutionProfileJson.ABSENT)
                .with("readinessLevel", SolutionProfileJson.ABSENT));
        assertThat((Map<String, Object>) created.get("organisation")).doesNotContainKey("uen");
        assertThat(created).doesNotContainKey("readinessLevel");
        assertThat((List<String>) created.get("keywords")).isEmpty();
        assertThat(get(BASE + "/" + created.get("id"))).isEqualTo(created);

        // The other UEN shapes are accepted and upper-cased; a blank one counts as absent.
        for (String uen : List.of("53312345x", "T09LL0001B", " ")) {
            Map<String, Object> org = (Map<String, Object>) post(SolutionProfileJson.valid("UEN " + uen)
                    .with("organisation.uen", uen)).get("organisation");
            assertThat(org.get("uen")).as(uen).isEqualTo(uen.isBlank() ? null : uen.toUpperCase());
        }
    }

    @Test
    void updateNeedsTheCurrentVersionAndPublishesANewerSnapshot() throws Exception {
        String id = (String) post(SolutionProfileJson.valid("GreenRoof Sensors")).get("id");

        Map<String, Object> updated = put(id, SolutionProfileJson.valid("GreenRoof Sensors v2")
                .with("themes", List.of("sustainability", "environment"))
                .with("keywords", List.of("green roof"))
                .with("readinessLevel", 8)
                .with("version", 0));
        assertThat(updated).containsEntry("version", 1).containsEntry("status", "ACTIVE")
                .containsEntry("solutionName", "GreenRoof Sensors v2").containsEntry("readinessLevel", 8);
        assertThat((List<String>) updated.get("themes")).containsExactly("sustainability", "environment");
        assertThat(updated.get("createdAt")).isNotEqualTo(updated.get("updatedAt"));
        assertThat(Instant.parse((String) updated.get("updatedAt")))
                .isAfterOrEqualTo(Instant.parse((String) updated.get("createdAt")));
        assertThat(get(BASE + "/" + id)).isEqualTo(updated);

        // The same version again is now stale: 409, and nothing changes.
        assertStatus(() -> put(id, SolutionProfileJson.valid("Stale write").with("version", 0)), HttpStatus.CONFLICT);
        assertThat(get(BASE + "/" + id)).isEqualTo(updated);

        // A PUT without version is a 400 naming the field.
        assertThatThrownBy(() -> put(id, SolutionProfileJson.valid("No version")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"version\"");
                });

        List<ConsumerRecord<String, String>> events = topic.awaitKey(id, 2);
        assertThat(events).hasSize(2);
        Map<String, Object> second = envelope(events.get(1));
        assertThat(second).containsEntry("type", "SolutionProfileUpdated");
        assertThat((Map<String, Object>) second.get("data")).isEqualTo(updated);
    }

    @Test
    void withdrawIsFinalPublishesTheClosingEventOnceAndFreezesTheProfile() throws Exception {
        String id = (String) post(SolutionProfileJson.valid("Noise Map")).get("id");

        Map<String, Object> withdrawn = withdraw(id);
        assertThat(withdrawn).containsEntry("status", "WITHDRAWN").containsEntry("version", 1);
        // Again: no change, no second event.
        assertThat(withdraw(id)).isEqualTo(withdrawn);
        // A PUT on a withdrawn profile is refused, even one trying to reactivate it.
        assertStatus(() -> put(id, SolutionProfileJson.valid("Noise Map").with("status", "ACTIVE").with("version", 1)),
                HttpStatus.CONFLICT);
        assertThat(get(BASE + "/" + id)).isEqualTo(withdrawn);

        List<ConsumerRecord<String, String>> events = topic.awaitKey(id, 2);
        Map<String, Object> closing = envelope(events.get(1));
        assertThat(closing).containsEntry("type", "SolutionProfileWithdrawn");
        assertThat((Map<String, Object>) closing.get("data")).isEqualTo(withdrawn);
        // Give a stray duplicate the chance to show up before asserting there is none.
        String marker = (String) post(SolutionProfileJson.valid("Marker after withdraw")).get("id");
        topic.awaitKey(marker, 1);
        assertThat(topic.recordsWithKey(id)).hasSize(2);
    }

    @Test
    void aPutMayWithdrawAndThenPublishesTheWithdrawnEvent() throws Exception {
        String id = (String) post(SolutionProfileJson.valid("Queue Cam")).get("id");

        Map<String, Object> withdrawn = put(id, SolutionProfileJson.valid("Queue Cam")
                .with("status", "WITHDRAWN").with("version", 0));
        assertThat(withdrawn).containsEntry("status", "WITHDRAWN").containsEntry("version", 1);
        assertThat(withdraw(id)).isEqualTo(withdrawn);

        List<ConsumerRecord<String, String>> events = topic.awaitKey(id, 2);
        assertThat(envelope(events.get(0))).containsEntry("type", "SolutionProfileRegistered");
        assertThat(envelope(events.get(1))).containsEntry("type", "SolutionProfileWithdrawn");
        assertThat((Map<String, Object>) envelope(events.get(1)).get("data")).isEqualTo(withdrawn);
    }

    @Test
    void concurrentUpdatesFromTheSameVersionLetExactlyOneWin() throws Exception {
        String id = (String) post(SolutionProfileJson.valid("Crowd Counter")).get("id");
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CyclicBarrier start = new CyclicBarrier(writers);
        try {
            List<Future<HttpStatus>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        put(id, SolutionProfileJson.valid("Crowd Counter " + n).with("version", 0));
                        return HttpStatus.OK;
                    } catch (HttpClientResponseException e) {
                        return e.getStatus();
                    }
                }));
            }
            List<HttpStatus> statuses = new ArrayList<>();
            for (Future<HttpStatus> f : results) {
                statuses.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnlyOnce(HttpStatus.OK)
                    .containsOnly(HttpStatus.OK, HttpStatus.CONFLICT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(get(BASE + "/" + id)).containsEntry("version", 1);

        topic.awaitKey(id, 2);
        String marker = (String) post(SolutionProfileJson.valid("Marker after the race")).get("id");
        topic.awaitKey(marker, 1);
        List<ConsumerRecord<String, String>> events = topic.recordsWithKey(id);
        assertThat(events).hasSize(2);
        assertThat((Map<String, Object>) envelope(events.get(1)).get("data")).isEqualTo(get(BASE + "/" + id));
    }

    @Test
    void unknownIdsAre404ProblemDetails() {
        String unknown = "6f1c2a9e-8d7b-4c3a-9e1f-0a2b3c4d5e6f";
        for (HttpRequest<?> request : List.<HttpRequest<?>>of(
                HttpRequest.GET(BASE + "/" + unknown),
                HttpRequest.PUT(BASE + "/" + unknown, SolutionProfileJson.valid().with("version", 0).toJson(json)),
                HttpRequest.POST(BASE + "/" + unknown + "/withdraw", ""))) {
            assertThatThrownBy(() -> http.toBlocking().exchange(request, MAP))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat((Object) e.getStatus()).as(request.getPath()).isEqualTo(HttpStatus.NOT_FOUND);
                        assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                                t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
                        Map<String, Object> problem = e.getResponse().getBody(MAP).orElseThrow();
                        assertThat(problem).containsEntry("status", 404).containsKeys("type", "title", "detail");
                    });
        }
        // Not a UUID at all: a 400 naming the path variable, not a 500.
        assertStatus(() -> get(BASE + "/not-a-uuid"), HttpStatus.BAD_REQUEST);
    }

    @Test
    void listsFilterAndPageNewestFirst() {
        String theme = "cybersecurity";
        post(SolutionProfileJson.valid("Phish Guard").with("themes", List.of(theme))
                .with("organisation.type", "RESEARCH_INSTITUTE"));
        post(SolutionProfileJson.valid("Zero Trust Kit").with("themes", List.of(theme, "cloud")));
        String third = (String) post(SolutionProfileJson.valid("Log Sentinel").with("themes", List.of("Cyber Security")))
                .get("id");
        withdraw(third);

        Map<String, Object> byTheme = get(BASE + "?theme=" + theme + "&size=2");
        assertThat(byTheme).containsEntry("totalItems", 3).containsEntry("page", 0).containsEntry("size", 2);
        assertThat((List<?>) byTheme.get("items")).hasSize(2);
        Map<String, Object> second = get(BASE + "?theme=" + theme + "&size=2&page=1");
        assertThat((List<?>) second.get("items")).hasSize(1);

        assertThat(get(BASE + "?theme=" + theme + "&status=ACTIVE")).containsEntry("totalItems", 2);
        assertThat(get(BASE + "?theme=" + theme + "&status=WITHDRAWN")).containsEntry("totalItems", 1);
        assertThat(get(BASE + "?theme=" + theme + "&type=RESEARCH_INSTITUTE")).containsEntry("totalItems", 1);
        assertThat(get(BASE + "?theme=" + theme + "&type=COMMERCIAL&status=ACTIVE")).containsEntry("totalItems", 1);
        assertThat(get(BASE + "?theme=cloud")).containsEntry("totalItems", 1);
        assertThat(get(BASE + "?theme=Cyber%20Security")).containsEntry("totalItems", 3);
        assertThat(get(BASE + "?theme=healthcare")).containsEntry("totalItems", 0).containsEntry("items", List.of());
        assertThat(get(BASE + "?type=INSTITUTE_OF_HIGHER_LEARNING&theme=" + theme)).containsEntry("totalItems", 0);

        List<Map<String, Object>> items = (List<Map<String, Object>>) get(BASE + "?theme=" + theme).get("items");
        assertThat(items).extracting(i -> i.get("solutionName"))
                .containsExactly("Log Sentinel", "Zero Trust Kit", "Phish Guard");

        for (String bad : List.of("?size=101", "?size=0", "?page=-1", "?status=NOPE", "?type=STARTUP",
                "?theme=quantum-weaving", "?size=ten")) {
            assertThatThrownBy(() -> get(BASE + bad))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat((Object) e.getStatus()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
                        String field = bad.substring(1, bad.indexOf('='));
                        assertThat(e.getResponse().getBody(String.class).orElseThrow()).as(bad)
                                .contains("\"field\":\"" + field + "\"");
                    });
        }
    }

    @Test
    void servesThemesHealthMetricsAndOpenApi() {
        Map<String, Object> themes = get("/api/themes");
        assertThat((List<Map<String, Object>>) themes.get("items")).extracting(t -> t.get("slug"))
                .contains("smart-cities", "generative-ai", "workforce-skills");
        HttpResponse<Map<String, Object>> health = http.toBlocking().exchange(HttpRequest.GET("/health"), MAP);
        assertThat((Object) health.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(health.body()).containsEntry("status", "UP");
        assertThat((Map<String, Object>) health.body().get("details")).containsKeys("jdbc", "kafka");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class)).contains("jvm_memory_used_bytes");
        String spec = http.toBlocking().retrieve(HttpRequest.GET("/swagger/innoleap-solution-service-1.yml"), String.class);
        assertThat(spec).contains("/api/solution-profiles/{id}/withdraw", "/api/solution-profiles/{id}", "/api/themes",
                "SolutionProfileRequest", "readinessLevel");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/swagger-ui/index.html"), String.class)).containsIgnoringCase("swagger");
    }
}
