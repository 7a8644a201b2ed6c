package io.innoleap.matcher.service;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.Organisation;
import io.innoleap.contracts.events.OrganisationType;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.matcher.events.IntakeListeners;
import io.innoleap.matcher.matching.MatchQueries;
import io.innoleap.testkit.AccessTable;
import io.innoleap.testkit.AccessTable.Row;
import io.innoleap.testkit.ServiceTestProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access table's matcher rows over HTTP with real tokens: a problem's matches are for its
 * agency (from the snapshot the matcher keeps), a profile's for its provider (by UEN), both for
 * coordinators and the programme office; feedback on a match from its agency or its provider (or
 * the programme office), nobody else.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRulesTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Router router;
    @Inject
    JsonMapper json;
    @Inject
    MatchQueries queries;
    @Value("${innoleap.kafka.group-suffix}")
    String groupSuffix;

    private final ProblemStatementSnapshot ltaProblem = new ProblemStatementSnapshot(UUID.randomUUID(),
            new Agency("LTA", "Land Transport Authority", "transport"), "Predicting bus bunching on trunk routes",
            "Buses on trunk routes arrive in bunches at peak hours, leaving long gaps for commuters.",
            List.of("transport"), Horizon.IMMEDIATE_OPERATIONAL, new Contact("Tan Wei Ling", "tan@lta.example"),
            ProblemStatementStatus.OPEN, 0, Instant.now(), Instant.now());
    private final SolutionProfileSnapshot auroraProfile = new SolutionProfileSnapshot(UUID.randomUUID(),
            new Organisation("Aurora Robotics Pte Ltd", OrganisationType.COMMERCIAL, "201912345K"), "FleetSense",
            "Real-time headway control for bus fleets: predicts bunching from vehicle locations.", List.of("transport"),
            List.of("headway"), 7, new Contact("Priya Nair", "priya@aurora.example"), SolutionProfileStatus.ACTIVE, 0,
            Instant.now(), Instant.now());
    private Intake intake;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("matcher-access").build();
    }

    @BeforeAll
    void seed() {
        intake = new Intake(json, IntakeListeners.GROUP + groupSuffix);
        intake.awaitConsumed(intake.profile(auroraProfile), intake.problem(ltaProblem));
        // Feedback needs a pair the matcher has made.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !queries.allActive().isEmpty());
    }

    @AfterAll
    void close() {
        intake.problem(new ProblemStatementSnapshot(ltaProblem.id(), ltaProblem.agency(), ltaProblem.title(),
                ltaProblem.description(), ltaProblem.themes(), ltaProblem.horizon(), ltaProblem.contact(),
                ProblemStatementStatus.CLOSED, 1, ltaProblem.createdAt(), Instant.now()));
        intake.close();
    }

    static List<Row> rows() {
        return AccessTable.rows("matcher");
    }

    @Test
    void everyEndpointHasARule() {
        AccessTable.assertCovers(router, rows());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theRuleHolds(Row row) {
        String path = row.path().replace("{selector}", "liveness").replace("{ltaProblem}", ltaProblem.id().toString())
                .replace("{auroraProfile}", auroraProfile.id().toString()).replace("{topic}", "innoleap.solution-profiles");
        // Feedback rows: a RELEVANT verdict on the seeded pair (it changes no list, so rows do not interfere).
        Object body = path.equals("/api/matches/feedback") ? Map.of("problemStatementId", ltaProblem.id().toString(),
                "solutionProfileId", auroraProfile.id().toString(), "verdict", "RELEVANT") : null;
        assertThat(AccessTable.send(http, row, path, body)).as(row.toString()).isEqualTo(row.expected());
    }
}
