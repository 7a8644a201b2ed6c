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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.innoleap.solutions.SolutionProfileJson.ABSENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input: the right status, a problem+json body naming every failing field, and nothing stored
 * (the list total is unchanged) or published (only the valid marker sent afterwards reaches the topic).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class SolutionProfileValidationTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final String BASE = "/api/solution-profiles";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    private TopicProbe topic;
    /** An existing profile that the PUT cases try to change. */
    private String existingId;
    private Map<String, Object> existing;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("solution-validation").actingAs("office").build();
    }

    @BeforeAll
    void setUp() {
        topic = TopicProbe.of(Topics.SOLUTION_PROFILES_NAME);
        existing = post(SolutionProfileJson.valid("Existing profile").toJson(json)).body();
        existingId = (String) existing.get("id");
        topic.awaitKey(existingId, 1);
    }

    @AfterAll
    void closeProbe() {
        topic.close();
    }

    /** One bad request, what the answer must be, and the fields it must name (exactly these, in any order). */
    record Case(String name, Function<SolutionProfileValidationTest, HttpRequest<?>> request, HttpStatus status,
                List<String> fields, String messageContains) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case post(String name, Function<SolutionProfileJson, SolutionProfileJson> change, String... fields) {
        return new Case(name, t -> HttpRequest.POST(BASE, change.apply(SolutionProfileJson.valid("Rejected")).toJson(t.json))
                .contentType(MediaType.APPLICATION_JSON), HttpStatus.BAD_REQUEST, List.of(fields), null);
    }

    private static Case postRaw(String name, String body, String... fields) {
        return new Case(name, t -> HttpRequest.POST(BASE, body).contentType(MediaType.APPLICATION_JSON),
                HttpStatus.BAD_REQUEST, List.of(fields), null);
    }

    private static Case messaged(Case c, String messageContains) {
        return new Case(c.name(), c.request(), c.status(), c.fields(), messageContains);
    }

    private static List<String> repeat(String prefix, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList();
    }

    Stream<Case> badRequests() {
        String valid = "{\"organisation\":{\"name\":\"Aurora\",\"type\":\"COMMERCIAL\"},\"solutionName\":\"FleetSense\","
                + "\"summary\":\"Real-time headway control for bus fleets.\",\"themes\":[\"transport\"],"
                + "\"contact\":{\"name\":\"Priya Nair\",\"email\":\"priya@aurora.example\"}";
        return Stream.of(
                messaged(postRaw("malformed JSON", "{\"organisation\": {\"name\": \"Aurora\",", "body"), "not valid JSON"),
                postRaw("not an object", "[1, 2, 3]", "body"),
                postRaw("empty body", "", "body"),
                messaged(postRaw("readinessLevel of the wrong type", valid + ",\"readinessLevel\":\"seven\"}", "readinessLevel"),
                        "must be a whole number"),
                messaged(postRaw("readinessLevel a fraction", valid + ",\"readinessLevel\":7.5}", "readinessLevel"),
                        "must be a whole number"),
                messaged(postRaw("readinessLevel a boolean", valid + ",\"readinessLevel\":true}", "readinessLevel"),
                        "must be a whole number"),
                messaged(postRaw("readinessLevel a numeric string", valid + ",\"readinessLevel\":\"7\"}", "readinessLevel"),
                        "must be a whole number"),
                messaged(postRaw("theme of the wrong type", valid.replace("[\"transport\"]", "[\"transport\", {\"a\": 1}]") + "}",
                        "themes[1]"), "must be a string"),
                messaged(postRaw("themes of the wrong type", valid.replace("[\"transport\"]", "{\"a\":1}") + "}", "themes"),
                        "must be an array"),
                postRaw("organisation of the wrong type", valid.replace("{\"name\":\"Aurora\",\"type\":\"COMMERCIAL\"}", "42") + "}",
                        "organisation"),
                messaged(postRaw("version of the wrong type", valid + ",\"version\":\"one\"}", "version"), "whole number"),
                messaged(post("bad enum organisation.type", b -> b.with("organisation.type", "STARTUP"), "organisation.type"),
                        "INSTITUTE_OF_HIGHER_LEARNING"),
                messaged(postRaw("every required field missing", "{}",
                        "organisation", "solutionName", "summary", "themes", "contact"), "must not be"),
                post("missing nested fields", b -> b.with("organisation.name", ABSENT).with("organisation.type", ABSENT)
                        .with("contact.email", ABSENT), "organisation.name", "organisation.type", "contact.email"),
                post("solutionName too long", b -> b.with("solutionName", "x".repeat(201)), "solutionName"),
                post("solutionName too short", b -> b.with("solutionName", "x"), "solutionName"),
                post("summary too short", b -> b.with("summary", "Too short summary."), "summary"),
                post("summary too long", b -> b.with("summary", "s".repeat(5001)), "summary"),
                post("organisation.name blank", b -> b.with("organisation.name", "   "), "organisation.name"),
                messaged(post("unknown theme", b -> b.with("themes", List.of("transport", "quantum weaving")), "themes[1]"),
                        "closest valid themes: "),
                post("no themes", b -> b.with("themes", List.of()), "themes"),
                post("too many themes", b -> b.with("themes", List.of("cloud", "finance", "education", "healthcare",
                        "transport", "environment")), "themes"),
                post("null theme", b -> b.with("themes", Collections.singletonList(null)), "themes[0]"),
                post("bad email", b -> b.with("contact.email", "priya-at-aurora"), "contact.email"),
                post("too many keywords", b -> b.with("keywords", repeat("k", 21)), "keywords"),
                post("keyword over 60 characters", b -> b.with("keywords", List.of("bus", "k".repeat(61))), "keywords[1]"),
                post("blank keyword", b -> b.with("keywords", List.of(" ", "bus")), "keywords[0]"),
                post("readinessLevel 0", b -> b.with("readinessLevel", 0), "readinessLevel"),
                post("readinessLevel 10", b -> b.with("readinessLevel", 10), "readinessLevel"),
                post("bad UEN", b -> b.with("organisation.uen", "12345"), "organisation.uen"),
                post("UEN with symbols", b -> b.with("organisation.uen", "2019-1234K"), "organisation.uen"),
                post("several bad fields at once", b -> b.with("solutionName", "x").with("contact.email", "nope")
                                .with("themes", List.of("cloud", "finance", "education", "healthcare", "transport", "environment"))
                                .with("readinessLevel", 0).with("keywords", List.of("k".repeat(61))),
                        "solutionName", "contact.email", "themes", "readinessLevel", "keywords[0]"),
                new Case("body over 64 KiB", t -> HttpRequest.POST(BASE,
                        SolutionProfileJson.valid("Too big").with("summary", "s".repeat(70_000)).toJson(t.json))
                        .contentType(MediaType.APPLICATION_JSON), HttpStatus.REQUEST_ENTITY_TOO_LARGE, List.of(), null),
                new Case("wrong content type", t -> HttpRequest.POST(BASE,
                        SolutionProfileJson.valid("Plain text").toJson(t.json)).contentType(MediaType.TEXT_PLAIN),
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE, List.of(), null),
                new Case("PUT with a bad field", t -> HttpRequest.PUT(BASE + "/" + t.existingId,
                        SolutionProfileJson.valid("Changed").with("version", 0).with("readinessLevel", 12).toJson(t.json)),
                        HttpStatus.BAD_REQUEST, List.of("readinessLevel"), null),
                new Case("PUT with a bad status", t -> HttpRequest.PUT(BASE + "/" + t.existingId,
                        SolutionProfileJson.valid("Changed").with("version", 0).with("status", "PAUSED").toJson(t.json)),
                        HttpStatus.BAD_REQUEST, List.of("status"), "ACTIVE"),
                new Case("PUT with a negative version", t -> HttpRequest.PUT(BASE + "/" + t.existingId,
                        SolutionProfileJson.valid("Changed").with("version", -1).toJson(t.json)),
                        HttpStatus.BAD_REQUEST, List.of("version"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsRefusedNamingTheFieldsAndChangesNothing(Case c) {
        long totalBefore = total();
        long since = System.currentTimeMillis();

        assertThatThrownBy(() -> http.toBlocking().exchange(c.request().apply(this), MAP))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat((Object) e.getStatus()).isEqualTo(c.status());
                    assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                            t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
                    Map<String, Object> problem = e.getResponse().getBody(MAP).orElseThrow();
                    assertThat(problem).containsEntry("status", c.status().getCode()).containsKeys("type", "title", "detail");
                    List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.getOrDefault("errors", List.of());
                    assertThat(errors).extracting(f -> f.get("field")).containsExactlyInAnyOrderElementsOf(c.fields());
                    assertThat(errors).allSatisfy(f -> assertThat((String) f.get("message")).isNotBlank()
                            .doesNotContain("io.innoleap", "Exception"));
                    if (c.messageContains() != null) {
                        assertThat(problem.toString()).contains(c.messageContains());
                    }
                });

        // Nothing stored.
        assertThat(total()).isEqualTo(totalBefore);
        assertThat(http.toBlocking().retrieve(HttpRequest.GET(BASE + "/" + existingId), MAP)).isEqualTo(existing);
        // Nothing published: a valid write afterwards is the only record since the bad request.
        String marker = (String) post(SolutionProfileJson.valid("Marker " + c.name()).toJson(json)).body().get("id");
        topic.awaitKey(marker, 1);
        List<ConsumerRecord<String, String>> recent = topic.records().stream().filter(r -> r.timestamp() >= since).toList();
        assertThat(recent).extracting(ConsumerRecord::key).containsExactly(marker);
    }

    @Test
    void theUnknownThemeMessageListsTheClosestSlugs() {
        assertThatThrownBy(() -> post(SolutionProfileJson.valid("Rejected").with("themes", List.of("Cyber sec")).toJson(json)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    Map<String, Object> error = ((List<Map<String, Object>>) e.getResponse().getBody(MAP).orElseThrow()
                            .get("errors")).get(0);
                    assertThat(error).containsEntry("field", "themes[0]");
                    assertThat((String) error.get("message")).startsWith("unknown theme 'Cyber sec'; closest valid themes: ")
                            .contains("cybersecurity");
                });
    }

    private HttpResponse<Map<String, Object>> post(String body) {
        return http.toBlocking().exchange(HttpRequest.POST(BASE, body).contentType(MediaType.APPLICATION_JSON), MAP);
    }

    private long total() {
        return ((Number) http.toBlocking().retrieve(HttpRequest.GET(BASE), MAP).get("totalItems")).longValue();
    }
}
