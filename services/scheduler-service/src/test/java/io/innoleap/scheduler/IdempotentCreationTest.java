package io.innoleap.scheduler;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.Api.Answer;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.readmodel.SnapshotFeed;
import io.innoleap.servicekit.outbox.OutboxRelay;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.innoleap.scheduler.readmodel.SnapshotFeed.match;
import static io.innoleap.scheduler.readmodel.SnapshotFeed.profile;
import static io.innoleap.scheduler.readmodel.SnapshotFeed.statement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on the creating POSTs other than clinics (ClinicOwnershipTest has those):
 * the same key and body again answers the first resource (201, same id) and creates and publishes
 * nothing; the same key with another body is a 422 that changes nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentCreationTest implements TestPropertyProvider {

    private static final String THEME = "education";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    ReadModel readModel;
    @Inject
    OutboxRepository outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    Clock clock;

    private Api api;
    private SnapshotFeed feed;
    private TopicProbe bookings;
    private String agency;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-idempotent").withSmtp().build();
    }

    @BeforeAll
    void seed() {
        api = new Api(http);
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
        feed = new SnapshotFeed(json);
        agency = SnapshotFeed.unique("ID");
        ProblemStatementSnapshot st = statement(agency, "education", "Idempotency: tutoring at scale", Horizon.LONG_TERM, THEME);
        SolutionProfileSnapshot p = profile("Idempotent Tutors " + agency, THEME);
        feed.publish(p);
        feed.publish(st);
        feed.publish(match(st, p, 0.9, THEME));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                readModel.matchesFor(List.of(st.id())).get(st.id()).size() == 1);
        feed.awaitKnown(readModel); // its statements and profiles too, not only the matches
    }

    @AfterAll
    void cleanUp() {
        feed.closeAll();
        feed.close();
        bookings.close();
    }

    /** Sends {@code body} twice with one key, then {@code other} with it; checks the replay and the refusal. */
    private void createsOnce(String path, String collection, Map<String, Object> body, Map<String, Object> other,
                             boolean publishes) {
        String key = "k-" + UUID.randomUUID();
        Answer first = api.send("office", HttpMethod.POST, path, body, key);
        assertThat(first.status()).as(path + ": " + first.body()).isEqualTo(201);
        long total = api.total(collection);
        long outboxAfterFirst = outbox.count();

        Answer again = api.send("office", HttpMethod.POST, path, body, key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.body()).isEqualTo(first.body());
        Answer otherBody = api.send("office", HttpMethod.POST, path, other, key);
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.fields()).containsExactly("Idempotency-Key");

        assertThat(api.total(collection)).isEqualTo(total);
        assertThat(outbox.count()).isEqualTo(outboxAfterFirst);
        if (publishes) {
            bookings.awaitKey(first.id(), 1);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> relay.backlog() == 0);
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> bookings.recordsWithKey(first.id()).size() == 1);
        }
    }

    @Test
    void planningTwiceWithOneKeyPlansOnce() {
        createsOnce("/api/workshops/plan", "/api/workshops", Bodies.plan(LocalDate.of(2027, 1, 4)),
                Bodies.plan(LocalDate.of(2027, 1, 5)), true);
    }

    @Test
    void bookingTwiceWithOneKeyBooksOnce() {
        createsOnce("/api/workshops", "/api/workshops", Bodies.workshop("cloud", LocalDate.of(2027, 6, 2), true),
                Bodies.workshop("cloud", LocalDate.of(2027, 6, 3), true), true);
    }

    @Test
    void schedulingASharingDayTwiceWithOneKeySchedulesOnce() {
        createsOnce("/api/sharing-days", "/api/sharing-days", Bodies.sharingDay(THEME, List.of(agency), LocalDate.of(2027, 2, 2)),
                Bodies.sharingDay(THEME, List.of(agency), LocalDate.of(2027, 2, 4)), true);
    }

    @Test
    void publishingASlotTwiceWithOneKeyPublishesOnce() {
        var start = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(30, ChronoUnit.DAYS);
        createsOnce("/api/clinic-slots", "/api/clinic-slots", Bodies.slot("Idem", "idem@coordinators.example", start, 30),
                Bodies.slot("Idem", "idem@coordinators.example", start.plus(2, ChronoUnit.HOURS), 30), false);
    }
}
