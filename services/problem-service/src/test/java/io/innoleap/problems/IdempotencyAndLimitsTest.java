package io.innoleap.problems;

import io.innoleap.contracts.topics.Topics;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestOidc;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Idempotent creation (the same key and body: one statement, one event; the same key with another
 * body: 422) and the per-principal write limit (429 with Retry-After), with a small limit here.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyAndLimitsTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    OutboxRepository outbox;

    private TopicProbe topic;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("problem-idempotency")
                .with("innoleap.rate-limit.writes.capacity", "30")
                .with("innoleap.rate-limit.writes.refill-per-second", "1")
                .build();
    }

    @BeforeAll
    void probe() {
        topic = TopicProbe.of(Topics.PROBLEM_STATEMENTS_NAME);
    }

    @AfterAll
    void close() {
        topic.close();
    }

    private HttpResponse<Map<String, Object>> post(String user, String key, String body) {
        return http.toBlocking().exchange(HttpRequest.POST("/api/problem-statements", body)
                .bearerAuth(TestOidc.get().token(user)).header("Idempotency-Key", key), MAP);
    }

    @Test
    void theSameKeyAndBodyCreateOneStatementAndOneEvent() throws Exception {
        String key = "retry-" + UUID.randomUUID();
        String body = ProblemStatementJson.valid("LTA", "Idempotent " + key);
        long rowsBefore = outbox.count();
        HttpResponse<Map<String, Object>> first = post("lta2", key, body);
        // The client retries: once after the first answered, then six times at the same time (all six
        // replay side by side; they used to deadlock on the key's row and answer 500).
        HttpResponse<Map<String, Object>> again = post("lta2", key, body);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<CompletableFuture<HttpResponse<Map<String, Object>>>> concurrent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            concurrent.add(CompletableFuture.supplyAsync(() -> post("lta2", key, body), pool));
        }
        String id = (String) first.body().get("id");
        assertThat(first.getStatus().getCode()).isEqualTo(201);
        List<HttpResponse<Map<String, Object>>> retries = new ArrayList<>(List.of(again));
        for (CompletableFuture<HttpResponse<Map<String, Object>>> c : concurrent) {
            retries.add(c.get());
        }
        for (HttpResponse<Map<String, Object>> r : retries) {
            assertThat(r.getStatus().getCode()).isEqualTo(201);
            assertThat(r.body()).containsEntry("id", id);
            assertThat(r.getHeaders().get("Location")).isEqualTo("/api/problem-statements/" + id);
        }
        pool.shutdown();
        assertThat(outbox.count()).isEqualTo(rowsBefore + 1);
        assertThat(topic.awaitKey(id, 1)).hasSize(1);
        Map<String, Object> list = http.toBlocking().retrieve(HttpRequest.GET("/api/problem-statements?agency=LTA&size=100")
                .bearerAuth(TestOidc.get().token("office")), MAP);
        assertThat((List<?>) list.get("items")).filteredOn(i -> ((Map<?, ?>) i).get("title").equals("Idempotent " + key)).hasSize(1);
        // Another user's identical key is their own.
        assertThat(post("lta", key, body).body().get("id")).isNotEqualTo(id);
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndChangesNothing() {
        String key = "reused-" + UUID.randomUUID();
        post("lta2", key, ProblemStatementJson.valid("LTA", "First body " + key));
        long rowsBefore = outbox.count();
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> post("lta2", key, ProblemStatementJson.valid("LTA", "Second body " + key)));
        assertThat(e.getStatus().getCode()).isEqualTo(422);
        assertThat(e.getResponse().getBody(MAP).orElseThrow()).containsEntry("status", 422);
        assertThat(outbox.count()).isEqualTo(rowsBefore);
    }

    @Test
    void aKeyThatIsNotPrintableAsciiIsA400() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> post("lta2", "x".repeat(256), ProblemStatementJson.valid("LTA", "Long key")));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("Idempotency-Key");
    }

    @Test
    void tooManyWritesFromOnePrincipalGetA429WithRetryAfter() {
        HttpClientResponseException refused = null;
        int accepted = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < 300 && refused == null; i++) {
            try {
                http.toBlocking().exchange(HttpRequest.POST("/api/problem-statements", ProblemStatementJson.valid("URA", "Burst " + i))
                        .bearerAuth(TestOidc.get().token("ura")), MAP);
                accepted++;
            } catch (HttpClientResponseException e) {
                refused = e;
            }
        }
        long elapsedSeconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(refused).as("writes beyond 30 plus one a second are refused").isNotNull();
        assertThat(accepted).isBetween(30, 30 + (int) elapsedSeconds + 1);
        assertThat(refused.getStatus().getCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getResponse().getHeaders().get("Retry-After"))).isBetween(1L, 2L);
        assertThat(refused.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
        // Another principal is not slowed down by it.
        assertThat(http.toBlocking().exchange(HttpRequest.POST("/api/problem-statements", ProblemStatementJson.valid("NEA", "Unaffected"))
                .bearerAuth(TestOidc.get().token("nea")), MAP).getStatus().getCode()).isEqualTo(201);
    }
}
