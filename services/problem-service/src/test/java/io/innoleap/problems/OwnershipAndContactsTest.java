package io.innoleap.problems;

import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestOidc;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Ownership comes from the token: a statement belongs to the agency that published it, a body
 * cannot give it away, and its contact is shown only to that agency, coordinators and the
 * programme office, in single reads and in lists.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnershipAndContactsTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("problem-ownership").build();
    }

    private HttpResponse<Map<String, Object>> post(String user, String body) {
        return http.toBlocking().exchange(HttpRequest.POST("/api/problem-statements", body).bearerAuth(TestOidc.get().token(user)), MAP);
    }

    private Map<String, Object> get(String user, String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(TestOidc.get().token(user)), MAP);
    }

    @Test
    @SuppressWarnings("unchecked")
    void contactsAreShownOnlyToTheOwnerCoordinatorsAndTheOffice() {
        String id = (String) post("lta", ProblemStatementJson.valid("LTA", "Contact visibility")).body().get("id");
        for (String user : List.of("lta", "lta2", "coordinator", "office")) {
            assertThat(get(user, "/api/problem-statements/" + id)).as(user).containsKey("contact");
            List<Map<String, Object>> items = (List<Map<String, Object>>) get(user, "/api/problem-statements?agency=LTA&size=100").get("items");
            assertThat(items).as(user).filteredOn(i -> id.equals(i.get("id"))).singleElement()
                    .satisfies(i -> assertThat(i).containsKey("contact"));
        }
        for (String user : List.of("nea", "aurora", "sensetech")) {
            assertThat(get(user, "/api/problem-statements/" + id)).as(user).doesNotContainKey("contact").containsKey("title");
            List<Map<String, Object>> items = (List<Map<String, Object>>) get(user, "/api/problem-statements?agency=LTA&size=100").get("items");
            assertThat(items).as(user).isNotEmpty().allSatisfy(i -> assertThat(i).doesNotContainKey("contact"));
        }
    }

    @Test
    void anAgencyPublishesOnlyForItselfAndCannotGiveAStatementAway() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> post("nea", ProblemStatementJson.valid("LTA", "Posing as another agency")));
        assertThat(e.getStatus().getCode()).isEqualTo(403);

        Map<String, Object> created = post("lta", ProblemStatementJson.valid("LTA", "Stays with LTA")).body();
        String id = (String) created.get("id");
        // The body names NEA and forges id, version and timestamps: ownership and the rest are not the client's to set.
        String forged = ProblemStatementJson.withVersion("OPEN", 0).replace("\"code\": \"LTA\"", "\"code\": \"NEA\"")
                .replace("{\"agency\"", "{\"id\": \"00000000-0000-0000-0000-000000000000\", \"createdAt\": \"2000-01-01T00:00:00Z\", \"agency\"");
        Map<String, Object> updated = http.toBlocking().retrieve(HttpRequest.PUT("/api/problem-statements/" + id, forged)
                .bearerAuth(TestOidc.get().token("lta")), MAP);
        assertThat(updated).containsEntry("id", id).containsEntry("version", 1).containsEntry("createdAt", created.get("createdAt"));
        assertThat((Map<String, Object>) updated.get("agency")).containsEntry("code", "LTA");
        // NEA still cannot touch it.
        assertThat(catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/api/problem-statements/" + id + "/withdraw", "").bearerAuth(TestOidc.get().token("nea")), MAP))
                .getStatus().getCode()).isEqualTo(403);
    }
}
