package io.innoleap.solutions;

import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.AccessTable;
import io.innoleap.testkit.AccessTable.Row;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestOidc;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access table's solution-service rows over HTTP with real tokens; a refused change leaves
 * the profile as it was and publishes nothing. Also: contacts only for those allowed to see them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRulesTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Router router;
    @Inject
    OutboxRepository outbox;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("solution-access").build();
    }

    static List<Row> rows() {
        return AccessTable.rows("solution");
    }

    @Test
    void everyEndpointHasARule() {
        AccessTable.assertCovers(router, rows());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theRuleHolds(Row row) {
        String profile = row.path().contains("{auroraProfile}") ? createAuroraProfile() : null;
        String path = row.path().replace("{auroraProfile}", String.valueOf(profile)).replace("{selector}", "liveness");
        Object body = switch (row.method().name() + " " + row.path()) {
            case "POST /api/solution-profiles" -> SolutionProfileJson.valid("Access " + row.user()).toJson(json);
            case "PUT /api/solution-profiles/{auroraProfile}" -> SolutionProfileJson.valid("Renamed").with("version", 0).toJson(json);
            default -> row.method() == HttpMethod.POST ? "" : null;
        };
        Map<String, Object> before = profile == null ? null : read("office", profile);
        long outboxBefore = outbox.count();
        int status = AccessTable.send(http, row, path, body);
        assertThat(status).as(row.toString()).isEqualTo(row.expected());
        if (status >= 400 && row.method() != HttpMethod.GET) {
            assertThat(outbox.count()).as(row + ": nothing is published").isEqualTo(outboxBefore);
            if (profile != null) {
                assertThat(read("office", profile)).as(row + ": the profile is unchanged").isEqualTo(before);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void contactsAreShownOnlyToTheOwnerCoordinatorsAndTheOffice() {
        String id = createAuroraProfile();
        for (String user : List.of("aurora", "coordinator", "office")) {
            assertThat(read(user, id)).as(user).containsKey("contact");
            assertThat((List<Map<String, Object>>) list(user).get("items")).as(user)
                    .filteredOn(i -> id.equals(i.get("id"))).singleElement().satisfies(i -> assertThat(i).containsKey("contact"));
        }
        for (String user : List.of("sensetech", "lta", "nea")) {
            assertThat(read(user, id)).as(user).doesNotContainKey("contact").containsKey("solutionName");
            assertThat((List<Map<String, Object>>) list(user).get("items")).as(user)
                    .filteredOn(i -> id.equals(i.get("id"))).singleElement().satisfies(i -> assertThat(i).doesNotContainKey("contact"));
        }
    }

    @Test
    void aProviderRegistersOnlyWithItsOwnUen() {
        String missing = SolutionProfileJson.valid("No UEN").with("organisation.uen", SolutionProfileJson.ABSENT).toJson(json);
        String other = SolutionProfileJson.valid("Other UEN").with("organisation.uen", "202012345M").toJson(json);
        for (String body : List.of(missing, other)) {
            assertThat(AccessTable.send(http, new Row("solution", HttpMethod.POST, "/api/solution-profiles", "aurora", "other", 403),
                    "/api/solution-profiles", body)).isEqualTo(403);
        }
        // The programme office registers for anyone, with or without a UEN.
        assertThat(AccessTable.send(http, new Row("solution", HttpMethod.POST, "/api/solution-profiles", "office", "any", 201),
                "/api/solution-profiles", missing)).isEqualTo(201);
    }

    private String createAuroraProfile() {
        return (String) http.toBlocking().exchange(HttpRequest.POST("/api/solution-profiles",
                        SolutionProfileJson.valid("Owned by Aurora").toJson(json)).bearerAuth(TestOidc.get().token("aurora")), MAP)
                .body().get("id");
    }

    private Map<String, Object> read(String user, String id) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/solution-profiles/" + id).bearerAuth(TestOidc.get().token(user)), MAP);
    }

    private Map<String, Object> list(String user) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/solution-profiles?size=100").bearerAuth(TestOidc.get().token(user)), MAP);
    }
}
