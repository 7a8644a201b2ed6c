package io.innoleap.problems;

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
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every endpoint over HTTP, and the events each accepted write publishes on Kafka. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemStatementApiTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

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
        return ServiceTestProperties.forService("problem-api").actingAs("office").build();
    }

    @BeforeAll
    void probe() {
        topic = TopicProbe.of(Topics.PROBLEM_STATEMENTS_NAME);
    }

    @AfterAll
    void closeProbe() {
        topic.close();
    }

    private Map<String, Object> post(String body) {
        HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(
                HttpRequest.POST("/api/problem-statements", body).contentType(MediaType.APPLICATION_JSON), MAP);
        assertThat((Object) response.getStatus()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> created = response.body();
        assertThat(response.getHeaders().get("Location")).isEqualTo("/api/problem-statements/" + created.get("id"));
        return created;
    }

    private Map<String, Object> get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path), MAP);
    }

    private Map<String, Object> envelope(ConsumerRecord<String, String> record) throws Exception {
        return json.readValue(record.value(), MAP);
    }

    @Test
    void publishesReadsAndNormalises() throws Exception {
        Instant before = clock.instant();
        Map<String, Object> created = post(ProblemStatementJson.valid());
        String id = (String) created.get("id");

        assertThat(created).containsEntry("status", "OPEN").containsEntry("version", 0)
                .containsEntry("title", "Predicting bus bunching on trunk routes")
                .containsEntry("horizon", "IMMEDIATE_OPERATIONAL");
        assertThat((List<String>) created.get("themes")).containsExactly("smart-cities", "data-analytics");
        assertThat((Map<String, Object>) created.get("agency")).containsEntry("code", "LTA").containsEntry("domain", "transport");
        assertThat(Instant.parse((String) created.get("createdAt"))).isBetween(before, clock.instant());
        assertThat(created.get("updatedAt")).isEqualTo(created.get("createdAt"));

        assertThat(get("/api/problem-statements/" + id)).isEqualTo(created);

        List<ConsumerRecord<String, String>> events = topic.awaitKey(id, 1);
        assertThat(events).hasSize(1);
        Map<String, Object> envelope = envelope(events.get(0));
        assertThat(envelope).containsKeys("eventId", "occurredAt")
                .containsEntry("type", "ProblemStatementPublished").containsEntry("schemaVersion", 1);
        assertThat((Map<String, Object>) envelope.get("data")).isEqualTo(created);
        assertThat(new String(events.get(0).headers().lastHeader("eventId").value(), StandardCharsets.UTF_8))
                .isEqualTo(envelope.get("eventId"));
    }

    @Test
    void updateNeedsTheCurrentVersionAndPublishesANewerSnapshot() throws Exception {
        String id = (String) post(ProblemStatementJson.valid("URA", "Finding underused car parks in estates")).get("id");

        Map<String, Object> updated = http.toBlocking().retrieve(HttpRequest.PUT("/api/problem-statements/" + id,
                ProblemStatementJson.withVersion("IN_DISCUSSION", 0)), MAP);
        assertThat(updated).containsEntry("version", 1).containsEntry("status", "IN_DISCUSSION")
                .containsEntry("horizon", "LONG_TERM");
        assertThat((List<String>) updated.get("themes")).containsExactly("smart-cities", "transport");
        assertThat(Instant.parse((String) updated.get("updatedAt")))
                .isAfterOrEqualTo(Instant.parse((String) updated.get("createdAt")));

        // The same version again is now stale: 409, and nothing changes.
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.PUT("/api/problem-statements/" + id,
                ProblemStatementJson.withVersion("PILOTING", 0)), MAP))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                            t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
                });
        assertThat(get("/api/problem-statements/" + id)).containsEntry("version", 1).containsEntry("status", "IN_DISCUSSION");

        // A PUT without version is a 400 naming the field.
        String noVersion = ProblemStatementJson.valid("URA", "Finding underused car parks in estates");
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.PUT("/api/problem-statements/" + id, noVersion), MAP))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"version\"");
                });

        List<ConsumerRecord<String, String>> events = topic.awaitKey(id, 2);
        assertThat(events).hasSize(2);
        Map<String, Object> second = envelope(events.get(1));
        assertThat(second).containsEntry("type", "ProblemStatementUpdated");
        assertThat((Map<String, Object>) second.get("data")).containsEntry("version", 1);
    }

    @Test
    void withdrawClosesOncePublishesTheClosingEventAndFreezesTheStatement() throws Exception {
        String id = (String) post(ProblemStatementJson.valid("NEA", "Detecting illegal dumping at night")).get("id");

        Map<String, Object> closed = http.toBlocking().retrieve(
                HttpRequest.POST("/api/problem-statements/" + id + "/withdraw", ""), MAP);
        assertThat(closed).containsEntry("status", "CLOSED").containsEntry("version", 1);
        // Again: no change, no second event.
        Map<String, Object> again = http.toBlocking().retrieve(
                HttpRequest.POST("/api/problem-statements/" + id + "/withdraw", ""), MAP);
        assertThat(again).isEqualTo(closed);

        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.PUT("/api/problem-statements/" + id,
                ProblemStatementJson.withVersion("OPEN", 1)), MAP))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.CONFLICT));

        List<ConsumerRecord<String, String>> events = topic.awaitKey(id, 2);
        assertThat(envelope(events.get(1))).containsEntry("type", "ProblemStatementClosed");
        // Give a stray duplicate the chance to show up before asserting there is none.
        String marker = (String) post(ProblemStatementJson.valid("NEA", "Marker statement after withdraw")).get("id");
        topic.awaitKey(marker, 1);
        assertThat(topic.recordsWithKey(id)).hasSize(2);
    }

    @Test
    void unknownIdsAre404ProblemDetails() {
        String unknown = "6f1c2a9e-8d7b-4c3a-9e1f-0a2b3c4d5e6f";
        for (HttpRequest<?> request : List.<HttpRequest<?>>of(
                HttpRequest.GET("/api/problem-statements/" + unknown),
                HttpRequest.PUT("/api/problem-statements/" + unknown, ProblemStatementJson.withVersion("OPEN", 0)),
                HttpRequest.POST("/api/problem-statements/" + unknown + "/withdraw", ""))) {
            assertThatThrownBy(() -> http.toBlocking().exchange(request, MAP))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
                        Map<String, Object> problem = e.getResponse().getBody(MAP).orElseThrow();
                        assertThat(problem).containsEntry("status", 404).containsKeys("type", "title", "detail");
                    });
        }
    }

    @Test
    void listsFilterAndPage() {
        post(ProblemStatementJson.valid("HDB", "Predicting lift breakdowns in blocks"));
        post(ProblemStatementJson.valid("HDB", "Scheduling estate cleaning by demand"));
        String third = (String) post(ProblemStatementJson.valid("HDB", "Routing waste trucks around estates")).get("id");
        http.toBlocking().retrieve(HttpRequest.POST("/api/problem-statements/" + third + "/withdraw", ""), MAP);

        Map<String, Object> byAgency = get("/api/problem-statements?agency=hdb&size=2");
        assertThat(byAgency).containsEntry("totalItems", 3).containsEntry("page", 0).containsEntry("size", 2);
        assertThat((List<?>) byAgency.get("items")).hasSize(2);
        Map<String, Object> second = get("/api/problem-statements?agency=HDB&size=2&page=1");
        assertThat((List<?>) second.get("items")).hasSize(1);

        assertThat(get("/api/problem-statements?agency=HDB&status=OPEN")).containsEntry("totalItems", 2);
        assertThat(get("/api/problem-statements?agency=HDB&status=CLOSED")).containsEntry("totalItems", 1);
        assertThat(get("/api/problem-statements?agency=HDB&theme=Smart%20City")).containsEntry("totalItems", 3);
        assertThat(get("/api/problem-statements?agency=HDB&theme=healthcare")).containsEntry("totalItems", 0)
                .containsEntry("items", List.of());

        List<Map<String, Object>> items = (List<Map<String, Object>>) get("/api/problem-statements?agency=HDB").get("items");
        assertThat(items).extracting(i -> i.get("title")).containsExactly("Routing waste trucks around estates",
                "Scheduling estate cleaning by demand", "Predicting lift breakdowns in blocks");

        for (String bad : List.of("?size=101", "?size=0", "?page=-1", "?status=NOPE", "?theme=quantum-weaving")) {
            assertThatThrownBy(() -> get("/api/problem-statements" + bad))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat((Object) e.getStatus()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST));
        }
    }

    @Test
    void servesThemesHealthMetricsAndOpenApi() {
        Map<String, Object> themes = get("/api/themes");
        assertThat((List<Map<String, Object>>) themes.get("items")).extracting(t -> t.get("slug"))
                .contains("smart-cities", "generative-ai", "workforce-skills");
        HttpResponse<String> health = http.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
        assertThat((Object) health.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("kafka").contains("jdbc");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class)).contains("jvm_memory_used_bytes");
        String spec = http.toBlocking().retrieve(HttpRequest.GET("/swagger/innoleap-problem-service-1.yml"), String.class);
        assertThat(spec).contains("/api/problem-statements/{id}/withdraw");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/swagger-ui/index.html"), String.class)).containsIgnoringCase("swagger");
    }
}
