package io.innoleap.scheduler;

import io.innoleap.testkit.TestOidc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler's API as a given test user calls it (a real token from the test identity provider). */
public final class Api {

    public static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    private final HttpClient http;

    public Api(HttpClient http) {
        this.http = http;
    }

    /** A call's answer: status and JSON body (a problem for refusals). */
    public record Answer(int status, Map<String, Object> body, HttpResponse<?> response) {
        @SuppressWarnings("unchecked")
        public List<String> fields() {
            Object errors = body == null ? null : body.get("errors");
            return errors == null ? List.of() : ((List<Map<String, Object>>) errors).stream()
                    .map(e -> String.valueOf(e.get("field"))).toList();
        }

        public String id() {
            return (String) body.get("id");
        }
    }

    /** Sends as {@code user} ({@code anonymous}: no token), with an optional Idempotency-Key. */
    public Answer send(String user, HttpMethod method, String path, @Nullable Object body, @Nullable String idempotencyKey) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, path);
        if (body != null) {
            request.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (!"anonymous".equals(user)) {
            request.bearerAuth(TestOidc.get().token(user));
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<Map<String, Object>> r = http.toBlocking().exchange(request, MAP);
            return new Answer(r.getStatus().getCode(), r.body(), r);
        } catch (HttpClientResponseException e) {
            assertThat(e.getResponse().getContentType().map(Object::toString).orElse(""))
                    .as(method + " " + path + " as " + user + " is refused with problem+json").startsWith("application/problem+json");
            return new Answer(e.getStatus().getCode(), e.getResponse().getBody(MAP).orElse(null), e.getResponse());
        }
    }

    public Answer post(String user, String path, Object body) {
        return send(user, HttpMethod.POST, path, body, null);
    }

    /** POST that must create (201); returns the created resource. */
    public Map<String, Object> create(String user, String path, Object body) {
        Answer a = post(user, path, body);
        assertThat(a.status()).as("POST " + path + " as " + user + ": " + a.body()).isEqualTo(201);
        return a.body();
    }

    public Answer get(String user, String path) {
        return send(user, HttpMethod.GET, path, null, null);
    }

    /** GET that must succeed (200); returns the body. */
    public Map<String, Object> read(String user, String path) {
        Answer a = get(user, path);
        assertThat(a.status()).as("GET " + path + " as " + user + ": " + a.body()).isEqualTo(200);
        return a.body();
    }

    public long total(String path) {
        return ((Number) read("office", path + (path.contains("?") ? "&" : "?") + "size=1").get("totalItems")).longValue();
    }
}
