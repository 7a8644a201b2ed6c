package io.innoleap.matcher.service;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.matcher.events.IntakeListeners;
import io.innoleap.matcher.matching.FlakyMatchingService;
import io.innoleap.matcher.matching.MatchQueries;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Role;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake listener against a database that goes away: a passing failure is waited out and the
 * poll redelivered (with a short transient budget, so the redelivery happens within the test)
 * until the records are applied, never dead-lettered; a poison record in the same poll reaches
 * the DLQ exactly once however often its poll comes back, and the records after it are processed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeRetryTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Caller OFFICE = new Caller("office", null, null, Set.of(Role.PROGRAMME_OFFICE), null, null);

    @Inject
    JsonMapper json;
    @Inject
    MatchQueries queries;
    @Value("${innoleap.kafka.group-suffix}")
    String groupSuffix;

    private Intake intake;
    private TopicProbe problemDlq;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("matcher-retry")
                .with("test.flaky-matching", "true")
                .with("innoleap.kafka.transient-budget", "250ms")
                .with("innoleap.kafka.max-backoff", "100ms")
                .build();
    }

    @BeforeAll
    void start() {
        intake = new Intake(json, IntakeListeners.GROUP + groupSuffix);
        problemDlq = TopicProbe.of(Topics.PROBLEM_STATEMENTS.deadLetterTopic());
    }

    @AfterAll
    void stop() {
        intake.close();
        problemDlq.close();
    }

    @Test
    void aPoisonRecordIsDeadLetteredOnceWhileItsPollIsRetriedAndTheFollowingRecordsAreApplied() {
        Dataset d = new Dataset("retry-" + UUID.randomUUID().toString().substring(0, 8));
        d.profiles().forEach(intake::profile);
        ProblemStatementSnapshot flaky = Dataset.rewritten(d.busBunching, FlakyMatchingService.MARKER + " "
                + d.busBunching.title(), d.busBunching.description());
        String poisonKey = UUID.randomUUID().toString();
        FlakyMatchingService.failures.set(8); // about three deliveries of the poll at a 250 ms budget
        FlakyMatchingService.attempts.set(0);

        // One poll: a poison record, the statement whose batch fails for a while, then another statement.
        intake.sendTogether(Topics.PROBLEM_STATEMENTS_NAME, List.of(
                Map.entry(poisonKey, "{not json"),
                Map.entry(flaky.id().toString(), intake.envelope(ProblemStatementSnapshot.PUBLISHED, flaky)),
                Map.entry(d.emergencyWaits.id().toString(),
                        intake.envelope(ProblemStatementSnapshot.PUBLISHED, d.emergencyWaits))));

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(queries.forProblemStatement(OFFICE, flaky.id(), 10)).hasValueSatisfying(l -> assertThat(l)
                    .extracting(r -> r.solutionProfileId()).first().isEqualTo(d.fleetSense.id()));
            assertThat(queries.forProblemStatement(OFFICE, d.emergencyWaits.id(), 10))
                    .hasValueSatisfying(l -> assertThat(l).isNotEmpty());
        });
        assertThat(FlakyMatchingService.failures.get()).as("every simulated failure was waited out").isZero();
        assertThat(FlakyMatchingService.attempts.get()).isGreaterThan(8);
        problemDlq.awaitKey(poisonKey, 1);
        // A marker after the poll: once it is applied, the poll is committed and nothing more will come.
        intake.awaitConsumed(intake.problem(d.illegalDumping));
        assertThat(problemDlq.recordsWithKey(poisonKey)).as("the poison record, parked once").hasSize(1);
        assertThat(problemDlq.records()).noneMatch(r -> r.key() != null && (r.key().equals(flaky.id().toString())
                || r.key().equals(d.emergencyWaits.id().toString())));
    }
}
