package io.innoleap.problems;

import io.innoleap.contracts.topics.Topics;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Bad input gets a problem+json error naming every failing field, and changes nothing: no row,
 * no outbox entry, no event.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemStatementValidationTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    OutboxRepository outbox;

    private TopicProbe topic;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("problem-validation").actingAs("office").build();
    }

    @BeforeAll
    void probe() {
        topic = TopicProbe.of(Topics.PROBLEM_STATEMENTS_NAME);
    }

    @AfterAll
    void close() {
        topic.close();
    }

    static String body(String agency, String title, String description, String themes, String horizon, String contact) {
        return "{\"agency\":" + agency + ",\"title\":" + title + ",\"description\":" + description + ",\"themes\":" + themes
                + ",\"horizon\":" + horizon + ",\"contact\":" + contact + "}";
    }

    static final String AGENCY = "{\"code\":\"VAL\",\"name\":\"Validation Agency\",\"domain\":\"transport\"}";
    static final String TITLE = "\"A perfectly fine title\"";
    static final String DESC = "\"A description that is long enough to pass the twenty character rule.\"";
    static final String THEMES = "[\"smart-cities\"]";
    static final String HORIZON = "\"LONG_TERM\"";
    static final String CONTACT = "{\"name\":\"Val Idator\",\"email\":\"val@agency.gov.sg\"}";

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"agency\": {", List.of()),
                Arguments.of("not an object", "[1,2,3]", List.of()),
                Arguments.of("empty object: every required field", "{}",
                        List.of("agency", "contact", "description", "horizon", "themes", "title")),
                Arguments.of("missing title", body(AGENCY, "null", DESC, THEMES, HORIZON, CONTACT), List.of("title")),
                Arguments.of("title too short", body(AGENCY, "\"Bus\"", DESC, THEMES, HORIZON, CONTACT), List.of("title")),
                Arguments.of("title too long", body(AGENCY, "\"" + "t".repeat(201) + "\"", DESC, THEMES, HORIZON, CONTACT),
                        List.of("title")),
                Arguments.of("description too short", body(AGENCY, TITLE, "\"too short\"", THEMES, HORIZON, CONTACT),
                        List.of("description")),
                Arguments.of("description too long", body(AGENCY, TITLE, "\"" + "d".repeat(5001) + "\"", THEMES, HORIZON, CONTACT),
                        List.of("description")),
                Arguments.of("no themes", body(AGENCY, TITLE, DESC, "[]", HORIZON, CONTACT), List.of("themes")),
                Arguments.of("six themes", body(AGENCY, TITLE, DESC,
                        "[\"cloud\",\"finance\",\"education\",\"transport\",\"healthcare\",\"environment\"]", HORIZON, CONTACT),
                        List.of("themes")),
                Arguments.of("unknown theme", body(AGENCY, TITLE, DESC, "[\"cloud\",\"smart-citiez\"]", HORIZON, CONTACT),
                        List.of("themes[1]")),
                Arguments.of("bad horizon enum", body(AGENCY, TITLE, DESC, THEMES, "\"SOMEDAY\"", CONTACT), List.of("horizon")),
                Arguments.of("wrong type for themes", body(AGENCY, TITLE, DESC, "\"smart-cities\"", HORIZON, CONTACT),
                        List.of("themes")),
                Arguments.of("wrong type for title", body(AGENCY, "{\"x\":1}", DESC, THEMES, HORIZON, CONTACT), List.of("title")),
                Arguments.of("bad email", body(AGENCY, TITLE, DESC, THEMES, HORIZON,
                        "{\"name\":\"Val Idator\",\"email\":\"not-an-email\"}"), List.of("contact.email")),
                Arguments.of("agency without code and domain", body("{\"name\":\"Validation Agency\"}", TITLE, DESC, THEMES,
                        HORIZON, CONTACT), List.of("agency.code", "agency.domain")),
                Arguments.of("a wrong type does not hide the other bad fields",
                        "{\"title\":\"Bus\",\"themes\":[\"smart citiez\"],\"horizon\":\"SOON\"}",
                        List.of("agency", "contact", "description", "horizon", "themes[0]", "title")),
                Arguments.of("several bad fields at once", body(AGENCY, "\"Bus\"", "\"short\"", "[]", HORIZON,
                        "{\"name\":\"V\",\"email\":\"x\"}"), List.of("contact.email", "contact.name", "description", "themes", "title")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void rejectsBadBodiesNamingEveryFieldAndChangesNothing(String name, String body, List<String> fields) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/api/problem-statements", body)
                        .contentType(MediaType.APPLICATION_JSON), MAP));
        assertThat(e).as(name).isNotNull();
        assertThat(e.getStatus().getCode()).as(name).isEqualTo(400);
        assertThat(e.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        Map<String, Object> problem = e.getResponse().getBody(MAP).orElseThrow();
        assertThat(problem).containsEntry("status", 400).containsKeys("type", "title", "detail");
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.getOrDefault("errors", List.of());
        assertThat(errors).extracting(err -> err.get("field")).as(name + ": " + problem).containsAll(fields);
        assertThat(errors).allSatisfy(err -> assertThat(err.get("message")).isNotBlank());
        assertNothingStoredOrPublished();
    }

    /** Every single-line field with CR, LF, TAB or NUL, and the multi-line description with TAB or NUL. */
    static Stream<Arguments> controlCharacters() {
        List<Arguments> cases = new java.util.ArrayList<>();
        Map<String, String> escapes = Map.of("CR", "\\r", "LF", "\\n", "TAB", "\\t", "NUL", "\\u0000");
        escapes.forEach((name, c) -> {
            String agency = "{\"code\":\"VAL\",\"name\":\"Validation" + c + "Agency\",\"domain\":\"transport\"}";
            String domain = "{\"code\":\"VAL\",\"name\":\"Validation Agency\",\"domain\":\"trans" + c + "port\"}";
            String contactName = "{\"name\":\"Val" + c + "Idator\",\"email\":\"val@agency.gov.sg\"}";
            String contactEmail = "{\"name\":\"Val Idator\",\"email\":\"val@agency.gov.sg" + c + "\"}";
            cases.add(Arguments.of(name + " in agency.name", body(agency, TITLE, DESC, THEMES, HORIZON, CONTACT), "agency.name"));
            cases.add(Arguments.of(name + " in agency.domain", body(domain, TITLE, DESC, THEMES, HORIZON, CONTACT), "agency.domain"));
            cases.add(Arguments.of(name + " in title", body(AGENCY, "\"A perfectly" + c + "fine title\"", DESC, THEMES, HORIZON, CONTACT), "title"));
            cases.add(Arguments.of(name + " in themes[0]", body(AGENCY, TITLE, DESC, "[\"cloud" + c + "\"]", HORIZON, CONTACT), "themes[0]"));
            cases.add(Arguments.of(name + " in contact.name", body(AGENCY, TITLE, DESC, THEMES, HORIZON, contactName), "contact.name"));
            cases.add(Arguments.of(name + " in contact.email", body(AGENCY, TITLE, DESC, THEMES, HORIZON, contactEmail), "contact.email"));
            if (!name.equals("CR") && !name.equals("LF")) {
                cases.add(Arguments.of(name + " in description", body(AGENCY, TITLE,
                        "\"A description that is long enough" + c + "to pass the twenty character rule.\"", THEMES, HORIZON, CONTACT), "description"));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controlCharacters")
    @SuppressWarnings("unchecked")
    void controlCharactersAreRefusedNamingTheField(String name, String body, String field) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/api/problem-statements", body), MAP));
        assertThat(e).as(name).isNotNull();
        assertThat(e.getStatus().getCode()).as(name).isEqualTo(400);
        List<Map<String, String>> errors = (List<Map<String, String>>) e.getResponse().getBody(MAP).orElseThrow().get("errors");
        assertThat(errors).extracting(err -> err.get("field")).as(name).contains(field);
        assertNothingStoredOrPublished();
    }

    @Test
    void lineBreaksAreWelcomeInTheDescription() {
        String otherAgency = AGENCY.replace("VAL", "LINES"); // VAL must stay empty for the refusal tests
        Map<String, Object> created = http.toBlocking().retrieve(HttpRequest.POST("/api/problem-statements", body(otherAgency, TITLE,
                "\"First paragraph of a long description.\\r\\n\\nSecond paragraph.\"", THEMES, HORIZON, CONTACT)), MAP);
        assertThat((String) created.get("description")).contains("\r\n\nSecond");
    }

    @Test
    void unknownThemeMessageListsTheClosestSlugs() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/api/problem-statements",
                        body(AGENCY, TITLE, DESC, "[\"cybersecurty\"]", HORIZON, CONTACT)), MAP));
        assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("themes[0]").contains("cybersecurity");
    }

    @Test
    void bodyOver64KiBIs413() {
        String huge = body(AGENCY, TITLE, "\"" + "x".repeat(70 * 1024) + "\"", THEMES, HORIZON, CONTACT);
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/api/problem-statements", huge)
                        .contentType(MediaType.APPLICATION_JSON), MAP));
        assertThat(e.getStatus().getCode()).isEqualTo(413);
        assertThat(e.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertNothingStoredOrPublished();
    }

    @Test
    void wrongContentTypeIs415() {
        String valid = ProblemStatementJson.valid("VAL", "A valid body in the wrong type");
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/api/problem-statements", valid)
                        .contentType(MediaType.TEXT_PLAIN), MAP));
        assertThat(e.getStatus().getCode()).isEqualTo(415);
        assertThat(e.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertNothingStoredOrPublished();
    }

    @Test
    void malformedIdIs400AndPutWithBadBodyChangesNothing() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/api/problem-statements/not-a-uuid"), MAP));
        assertThat(e.getStatus().getCode()).isEqualTo(400);

        Map<String, Object> created = http.toBlocking().retrieve(HttpRequest.POST("/api/problem-statements",
                ProblemStatementJson.valid("VALPUT", "A statement to update badly")), MAP);
        String id = (String) created.get("id");
        String badPut = body(AGENCY, "\"Bus\"", DESC, THEMES, HORIZON, CONTACT).replace("}", ",\"version\":0}");
        HttpClientResponseException put = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.PUT("/api/problem-statements/" + id, badPut), MAP));
        assertThat(put.getStatus().getCode()).isEqualTo(400);
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/problem-statements/" + id), MAP)).isEqualTo(created);
        topic.awaitKey(id, 1);
        assertThat(topic.recordsWithKey(id)).hasSize(1);
    }

    /** No row with the test agency, no outbox row beyond accepted writes, nothing on the topic. */
    private void assertNothingStoredOrPublished() {
        Map<String, Object> list = http.toBlocking().retrieve(HttpRequest.GET("/api/problem-statements?agency=VAL"), MAP);
        assertThat(list).containsEntry("totalItems", 0);
        assertThat(outbox.findAll()).allSatisfy(row -> assertThat(row.payload()).doesNotContain("\"VAL\""));
        assertThat(topic.records()).noneSatisfy(r -> assertThat(r.value()).contains("\"code\":\"VAL\""));
    }
}
