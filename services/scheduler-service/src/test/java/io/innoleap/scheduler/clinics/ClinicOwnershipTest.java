package io.innoleap.scheduler.clinics;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.Api;
import io.innoleap.scheduler.Api.Answer;
import io.innoleap.scheduler.Bodies;
import io.innoleap.scheduler.clinics.store.ClinicRepositories;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static io.innoleap.scheduler.readmodel.SnapshotFeed.match;
import static io.innoleap.scheduler.readmodel.SnapshotFeed.profile;
import static io.innoleap.scheduler.readmodel.SnapshotFeed.statement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may book and read a clinic, decided from the stored objects and the token, never from the
 * body (object-level authorisation): another agency can neither request a clinic on LTA's statement
 * nor read LTA's clinic, and another coordinator cannot read a coordinator's clinic. Also: a
 * coordinator publishes slots in their own name only, and a clinic request is idempotent by key.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicOwnershipTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    ReadModel readModel;
    @Inject
    Clock clock;
    @Inject
    OutboxRepository outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    ClinicRepositories.ClinicRepository clinics;

    private Api api;
    private SnapshotFeed feed;
    private TopicProbe bookings;
    private ProblemStatementSnapshot ltaStatement;
    private final AtomicInteger hour = new AtomicInteger();

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-clinic-owner").withSmtp().build();
    }

    @BeforeAll
    void seed() {
        api = new Api(http);
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
        feed = new SnapshotFeed(json);
        ltaStatement = statement("LTA", "transport", "Ownership: signal priority for buses", Horizon.LONG_TERM, "transport");
        SolutionProfileSnapshot provider = profile("Ownership Signals " + SnapshotFeed.unique(""), "transport");
        feed.publish(provider);
        feed.publish(ltaStatement);
        feed.publish(match(ltaStatement, provider, 0.7, "transport"));
        // Statement and match travel on different topics: wait for both.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                readModel.problemStatement(ltaStatement.id()).isPresent()
                        && readModel.matchesFor(List.of(ltaStatement.id())).get(ltaStatement.id()).size() == 1);
        feed.awaitKnown(readModel); // its statements and profiles too, not only the matches
    }

    @AfterAll
    void cleanUp() {
        feed.closeAll();
        feed.close();
        bookings.close();
    }

    private Instant nextStart() {
        return clock.instant().truncatedTo(ChronoUnit.DAYS).plus(15, ChronoUnit.DAYS).plus(hour.getAndIncrement(), ChronoUnit.HOURS);
    }

    private String slotOf(String user, String name, String email) {
        return api.create(user, "/api/clinic-slots", Bodies.slot(name, email, nextStart(), 30)).get("id").toString();
    }

    private long clinicsInSlot(String slotId) {
        return StreamSupport.stream(clinics.findAll().spliterator(), false)
                .filter(c -> c.slotId().toString().equals(slotId)).count();
    }

    private void awaitPublished() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> relay.backlog() == 0);
    }

    @Test
    void anotherAgencyCannotRequestAClinicOnLtasStatementAndNothingChanges() {
        String slot = slotOf("office", "Ong", "ong-" + UUID.randomUUID().toString().substring(0, 6) + "@coordinators.example");
        Map<String, Object> slotBefore = api.read("office", "/api/clinic-slots/" + slot);
        long outboxBefore = outbox.count();
        for (String user : List.of("nea", "ura")) {
            Answer refused = api.post(user, "/api/clinics", Bodies.clinic(ltaStatement.id(), slot));
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.body().get("detail").toString()).contains("LTA");
        }
        assertThat(clinicsInSlot(slot)).isZero();
        assertThat(outbox.count()).isEqualTo(outboxBefore);
        assertThat(api.read("office", "/api/clinic-slots/" + slot)).isEqualTo(slotBefore).containsEntry("available", true);
        // The owner can.
        assertThat(api.post("lta", "/api/clinics", Bodies.clinic(ltaStatement.id(), slot)).status()).isEqualTo(201);
    }

    @Test
    void anotherAgencyCannotReadLtasClinicAndLearnsNothingOfIt() {
        String slot = slotOf("coordinator", null, null);
        String clinic = api.create("lta", "/api/clinics", Bodies.clinic(ltaStatement.id(), slot)).get("id").toString();
        assertThat(api.read("lta2", "/api/clinics/" + clinic)).containsEntry("id", clinic);
        Answer unknown = api.get("nea", "/api/clinics/" + UUID.randomUUID());
        for (String user : List.of("nea", "ura")) {
            Answer other = api.get(user, "/api/clinics/" + clinic);
            assertThat(other.status()).as(user).isEqualTo(404);
            // The same answer as for an id that does not exist (but its own id): existence is not confirmed.
            assertThat(other.body().keySet()).isEqualTo(unknown.body().keySet());
            assertThat(other.body().get("title")).isEqualTo(unknown.body().get("title"));
            assertThat(other.body().toString()).doesNotContain("LTA", ltaStatement.title());
        }
        assertThat(api.get("aurora", "/api/clinics/" + clinic).status()).isEqualTo(403);
    }

    @Test
    void anotherCoordinatorCannotReadACoordinatorsClinic() {
        // The coordinator published the slot: the clinic knows them by their sub.
        String slot = slotOf("coordinator", null, null);
        String clinic = api.create("lta", "/api/clinics", Bodies.clinic(ltaStatement.id(), slot)).get("id").toString();
        assertThat(api.read("coordinator", "/api/clinics/" + clinic)).containsEntry("id", clinic);
        assertThat(api.get("coordinator2", "/api/clinics/" + clinic).status()).isEqualTo(404);
    }

    @Test
    void aSlotTheOfficePublishedForACoordinatorIsTheirsByEmail() {
        String forCoordinator = slotOf("office", "Clinic Coordinator", "Coordinator@Innoleap.example");
        String forCoordinator2 = slotOf("office", "Second Coordinator", "coordinator2@innoleap.example");
        String first = api.create("lta", "/api/clinics", Bodies.clinic(ltaStatement.id(), forCoordinator)).get("id").toString();
        String second = api.create("office", "/api/clinics", Bodies.clinic(ltaStatement.id(), forCoordinator2)).get("id").toString();
        assertThat(api.get("coordinator", "/api/clinics/" + first).status()).isEqualTo(200);
        assertThat(api.get("coordinator2", "/api/clinics/" + first).status()).isEqualTo(404);
        assertThat(api.get("coordinator2", "/api/clinics/" + second).status()).isEqualTo(200);
        assertThat(api.get("coordinator", "/api/clinics/" + second).status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCoordinatorPublishesSlotsInTheirOwnNameOnly() {
        Map<String, Object> own = api.create("coordinator", "/api/clinic-slots", Bodies.slot(null, null, nextStart(), 30));
        assertThat((Map<String, Object>) own.get("coordinator"))
                .containsEntry("name", "Clinic Coordinator").containsEntry("email", "coordinator@innoleap.example");
        // Naming themselves (any case) is fine; the name comes from the token.
        Map<String, Object> named = api.create("coordinator", "/api/clinic-slots",
                Bodies.slot("Whatever Name", "COORDINATOR@innoleap.example", nextStart(), 30));
        assertThat((Map<String, Object>) named.get("coordinator")).containsEntry("name", "Clinic Coordinator");

        long slots = api.total("/api/clinic-slots");
        Answer other = api.post("coordinator", "/api/clinic-slots",
                Bodies.slot("Second Coordinator", "coordinator2@innoleap.example", nextStart(), 30));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body().get("detail").toString()).contains("coordinator@innoleap.example");
        assertThat(api.total("/api/clinic-slots")).isEqualTo(slots);

        // The programme office must say whose slot it is.
        Answer anonymousSlot = api.post("office", "/api/clinic-slots", Bodies.slot(null, null, nextStart(), 30));
        assertThat(anonymousSlot.status()).isEqualTo(400);
        assertThat(anonymousSlot.fields()).contains("coordinator");
        assertThat(api.total("/api/clinic-slots")).isEqualTo(slots);
    }

    @Test
    void aClinicRequestRetriedWithItsIdempotencyKeyBooksOnceAndPublishesOnce() {
        String coordinator = "idem-" + UUID.randomUUID().toString().substring(0, 6) + "@coordinators.example";
        String slot = slotOf("office", "Idem Coordinator", coordinator);
        String otherSlot = slotOf("office", "Idem Coordinator", coordinator);
        String key = "clinic-" + UUID.randomUUID();

        Answer first = api.send("lta", HttpMethod.POST, "/api/clinics", Bodies.clinic(ltaStatement.id(), slot), key);
        assertThat(first.status()).isEqualTo(201);
        Answer again = api.send("lta", HttpMethod.POST, "/api/clinics", Bodies.clinic(ltaStatement.id(), slot), key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.response().getHeaders().get("Location")).isEqualTo("/api/clinics/" + first.id());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(clinicsInSlot(slot)).isEqualTo(1);

        long outboxBefore = outbox.count();
        Answer otherBody = api.send("lta", HttpMethod.POST, "/api/clinics", Bodies.clinic(ltaStatement.id(), otherSlot), key);
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.fields()).containsExactly("Idempotency-Key");
        assertThat(clinicsInSlot(otherSlot)).isZero();
        assertThat(api.read("office", "/api/clinic-slots/" + otherSlot)).containsEntry("available", true);
        assertThat(outbox.count()).isEqualTo(outboxBefore);

        // One ClinicRequested, one confirmation request to the coordinator.
        bookings.awaitKey(first.id(), 1);
        awaitPublished();
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> bookings.recordsWithKey(first.id()).size() == 1);
        assertThat(ClinicFixtures.eventType(json, bookings.recordsWithKey(first.id()).get(0))).isEqualTo("ClinicRequested");
        ClinicFixtures.awaitMail(coordinator, "Please confirm");
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> ClinicFixtures.mailsTo(coordinator, "Please confirm").size() == 1);

        // A key belongs to its principal: another LTA officer using the same key makes a clinic of their own.
        Answer otherOfficer = api.send("lta2", HttpMethod.POST, "/api/clinics", Bodies.clinic(ltaStatement.id(), otherSlot), key);
        assertThat(otherOfficer.status()).isEqualTo(201);
        assertThat(otherOfficer.id()).isNotEqualTo(first.id());
    }
}
