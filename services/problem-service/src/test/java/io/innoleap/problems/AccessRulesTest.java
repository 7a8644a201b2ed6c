package io.innoleap.problems;

import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.AccessTable;
import io.innoleap.testkit.AccessTable.Row;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestOidc;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
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
 * The access table's problem-service rows, each run over HTTP with a real token from the test
 * identity provider. A refused change leaves the statement as it was and publishes nothing.
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

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("problem-access").build();
    }

    static List<Row> rows() {
        return AccessTable.rows("problem");
    }

    @Test
    void everyEndpointHasARule() {
        AccessTable.assertCovers(router, rows());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theRuleHolds(Row row) {
        String statement = row.path().contains("{ltaStatement}") ? createLtaStatement() : null;
        String path = row.path().replace("{ltaStatement}", String.valueOf(statement)).replace("{selector}", "liveness");
        Object body = switch (row.method().name() + " " + row.path()) {
            case "POST /api/problem-statements" -> ProblemStatementJson.valid("LTA", "Access rule " + row.user());
            case "PUT /api/problem-statements/{ltaStatement}" -> ProblemStatementJson.withVersion("OPEN", 0);
            default -> row.method() == HttpMethod.POST ? "" : null;
        };
        Map<String, Object> before = statement == null ? null : readAsOffice(statement);
        long outboxBefore = outbox.count();

        int status = AccessTable.send(http, row, path, body);
        assertThat(status).as(row.toString()).isEqualTo(row.expected());
        if (status >= 400 && row.method() != HttpMethod.GET) {
            assertThat(outbox.count()).as(row + ": nothing is published").isEqualTo(outboxBefore);
            if (statement != null) {
                assertThat(readAsOffice(statement)).as(row + ": the statement is unchanged").isEqualTo(before);
            }
        }
    }

    private String createLtaStatement() {
        HttpResponse<Map<String, Object>> created = http.toBlocking().exchange(
                HttpRequest.POST("/api/problem-statements", ProblemStatementJson.valid("LTA", "Owned by LTA"))
                        .bearerAuth(TestOidc.get().token("office")), MAP);
        return (String) created.body().get("id");
    }

    private Map<String, Object> readAsOffice(String id) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/problem-statements/" + id)
                .bearerAuth(TestOidc.get().token("office")), MAP);
    }
}
