package io.innoleap.scheduler.clinics;

import io.innoleap.scheduler.clinics.store.ClinicEntity;
import io.innoleap.scheduler.clinics.store.ClinicRepositories;
import io.innoleap.scheduler.programme.store.DatabaseErrors;

import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.ProblemResponses;
import io.innoleap.scheduler.clinics.ClinicFixtures.Seeded;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.servicekit.outbox.OutboxRelay;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static io.innoleap.scheduler.clinics.ClinicFixtures.clinicJson;
import static io.innoleap.scheduler.clinics.ClinicFixtures.slotJson;
import static org.assertj.core.api.Assertions.assertThat;

/** Clinic slots and clinic requests over HTTP, with the database, Kafka and SMTP all real. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicBookingTest implements TestPropertyProvider {

    static final String BASE_URL = "https://match.innoleap.test";
    static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    Clock clock;
    @Inject
    ReadModel readModel;
    @Inject
    ClinicRepositories.ClinicRepository clinicRepository;
    @Inject
    ClinicRepositories.ClinicSlotRepository slotRepository;
    @Inject
    OutboxRelay relay;

    private TopicProbe bookings;
    private Seeded seeded;
    private final AtomicInteger day = new AtomicInteger(3);

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-clinic-booking").withSmtp()
                .with("innoleap.scheduler.public-base-url", BASE_URL)
                .build();
    }

    @BeforeAll
    void setUp() {
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
        seeded = ClinicFixtures.seed(json, readModel, "book", 4);
    }

    @AfterAll
    void tearDown() {
        // Other test classes read the same topics: leave no OPEN statement behind to skew their demand.
        ClinicFixtures.close(json, readModel, seeded);
        bookings.close();
    }

    private URI uri(String path) {
        return server.getURI().resolve(path);
    }

    private HttpResponse<String> post(String path, String body) {
        return ClinicFixtures.send("POST", uri(path), body, "application/json");
    }

    private HttpResponse<String> get(String path) {
        return ClinicFixtures.send("GET", uri(path), null, null);
    }

    private Map<String, Object> body(HttpResponse<String> r) {
        return ClinicFixtures.json(json, r);
    }

    /** A distinct whole-hour start per call, days ahead, so slots of different tests never overlap. */
    private Instant nextStart() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS).plus(day.getAndIncrement(), ChronoUnit.DAYS);
    }

    private static String coordinator(String tag) {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@coordinators.example";
    }

    private Map<String, Object> createSlot(String email, Instant start, int minutes) {
        HttpResponse<String> r = post("/api/clinic-slots", slotJson("Coordinator Lim", email, start, minutes));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return body(r);
    }

    private long slotCount() {
        return slotRepository.count();
    }

    private long eventsForProblem(UUID problemId) {
        return bookings.records().stream()
                .filter(r -> String.valueOf(ClinicFixtures.eventData(json, r).get("problemStatementId")).equals(problemId.toString()))
                .count();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.getOrDefault("errors", List.of())).stream()
                .map(e -> String.valueOf(e.get("field"))).toList();
    }

    // ---- slots

    @Test
    void slotIsCreatedReadAndListedAsAvailable() {
        String email = coordinator("create");
        Instant start = nextStart();
        HttpResponse<String> r = post("/api/clinic-slots", slotJson("Coordinator Lim", email, start, 60));
        assertThat(r.statusCode()).isEqualTo(201);
        Map<String, Object> slot = body(r);
        assertThat(r.headers().firstValue("Location")).contains("/api/clinic-slots/" + slot.get("id"));
        assertThat(slot).containsEntry("durationMinutes", 60).containsEntry("available", true).containsEntry("version", 0);
        assertThat(Instant.parse((String) slot.get("startsAt"))).isEqualTo(start);
        assertThat(Instant.parse((String) slot.get("endsAt"))).isEqualTo(start.plus(60, ChronoUnit.MINUTES));
        assertThat((Map<String, Object>) slot.get("coordinator")).containsEntry("email", email);

        assertThat(body(get("/api/clinic-slots/" + slot.get("id")))).containsEntry("id", slot.get("id"));
        Map<String, Object> page = body(get("/api/clinic-slots?available=true&size=100"));
        assertThat(page).containsKeys("items", "page", "size", "totalItems");
        assertThat(allAvailableSlotIds()).contains((String) slot.get("id"));
        assertThat(get("/api/clinic-slots/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private List<String> allAvailableSlotIds() {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            Map<String, Object> p = body(get("/api/clinic-slots?available=true&size=100&page=" + page));
            List<Map<String, Object>> items = (List<Map<String, Object>>) p.get("items");
            items.forEach(i -> ids.add((String) i.get("id")));
            if (items.size() < 100) {
                return ids;
            }
        }
    }

    @Test
    void overlappingSlotsOfOneCoordinatorAreRefusedBackToBackAndOtherCoordinatorsAreNot() {
        String email = coordinator("overlap");
        Instant start = nextStart();
        createSlot(email, start, 60);
        long before = slotCount();

        HttpResponse<String> overlap = post("/api/clinic-slots", slotJson("Lim", email.toUpperCase(), start.plus(30, ChronoUnit.MINUTES), 60));
        assertThat(overlap.statusCode()).isEqualTo(409);
        assertThat(overlap.headers().firstValue("Content-Type").orElse("")).startsWith(PROBLEM_JSON);
        assertThat(body(overlap).get("detail").toString()).contains("overlaps");
        assertThat(body(overlap)).containsEntry("type", ProblemResponses.type("slot-overlap"));
        assertThat(slotCount()).isEqualTo(before);

        createSlot(email, start.plus(60, ChronoUnit.MINUTES), 30); // back to back: [start, end) windows
        createSlot(coordinator("other"), start, 60);              // another coordinator, same time
    }

    @Test
    void concurrentOverlappingSlotRequestsOfOneCoordinatorHaveOneWinner() throws Exception {
        String email = coordinator("race");
        Instant start = nextStart();
        int n = 20;
        List<Integer> statuses = race(n, i -> post("/api/clinic-slots",
                slotJson("Lim", email, start.plus(i, ChronoUnit.MINUTES), 30 + i)).statusCode());
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(n - 1);
        long stored = StreamSupport.stream(slotRepository.findAll().spliterator(), false)
                .filter(s -> s.coordinatorEmail().equals(email)).count();
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void badSlotInputIsA400NamingEveryFieldAndStoresNothing() {
        long before = slotCount();
        HttpResponse<String> empty = post("/api/clinic-slots", "{}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.headers().firstValue("Content-Type").orElse("")).startsWith(PROBLEM_JSON);
        assertThat(fields(body(empty))).contains("coordinator", "startsAt", "durationMinutes");

        HttpResponse<String> bad = post("/api/clinic-slots",
                slotJson("", "not-an-email", clock.instant().minus(1, ChronoUnit.DAYS), 10));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(body(bad))).contains("coordinator.name", "coordinator.email", "startsAt", "durationMinutes");

        HttpResponse<String> tooLong = post("/api/clinic-slots", slotJson("Lim", coordinator("x"), nextStart(), 241));
        assertThat(fields(body(tooLong))).containsExactly("durationMinutes");

        HttpResponse<String> badTime = post("/api/clinic-slots",
                "{\"coordinator\":{\"name\":\"Lim\",\"email\":\"lim@x.example\"},\"startsAt\":\"next tuesday\",\"durationMinutes\":30}");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("startsAt");

        assertThat(post("/api/clinic-slots", "{not json").statusCode()).isEqualTo(400);
        assertThat(ClinicFixtures.send("POST", uri("/api/clinic-slots"), "x=1", "text/plain").statusCode()).isEqualTo(415);
        assertThat(get("/api/clinic-slots?size=101").statusCode()).isEqualTo(400);
        assertThat(get("/api/clinic-slots/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(slotCount()).isEqualTo(before);
    }

    // ---- clinics

    @Test
    @SuppressWarnings("unchecked")
    void clinicIsPendingHoldsTheSlotLinksTheBestMatchesEmailsTheCoordinatorAndPublishes() throws Exception {
        String email = coordinator("clinic");
        Instant start = nextStart();
        Map<String, Object> slot = createSlot(email, start, 45);
        HttpResponse<String> r = post("/api/clinics", clinicJson(seeded.problemId(), slot.get("id")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Map<String, Object> clinic = body(r);
        String clinicId = (String) clinic.get("id");
        assertThat(r.headers().firstValue("Location")).contains("/api/clinics/" + clinicId);
        assertThat(clinic).containsEntry("status", "PENDING_CONFIRMATION").containsEntry("version", 0)
                .containsEntry("slotId", slot.get("id")).containsEntry("holdsSlot", true)
                .containsEntry("problemStatementId", seeded.problemId().toString());
        List<Map<String, Object>> linked = (List<Map<String, Object>>) clinic.get("linkedCompanies");
        assertThat(linked).extracting(l -> l.get("solutionProfileId"))
                .containsExactly(seeded.profilesBestFirst().subList(0, 3).stream().map(UUID::toString).toArray());
        assertThat(linked).extracting(l -> l.get("organisationName"))
                .containsExactlyElementsOf(seeded.organisationNames().subList(0, 3));
        assertThat(Instant.parse((String) clinic.get("confirmationExpiresAt")))
                .isBetween(clock.instant().plus(71, ChronoUnit.HOURS), clock.instant().plus(72, ChronoUnit.HOURS));
        assertThat(body(get("/api/clinics/" + clinicId))).isEqualTo(clinic);

        Map<String, Object> slotNow = body(get("/api/clinic-slots/" + slot.get("id")));
        assertThat(slotNow).containsEntry("available", false).containsEntry("heldByClinicId", clinicId);
        assertThat(allAvailableSlotIds()).doesNotContain((String) slot.get("id"));

        MimeMessage mail = ClinicFixtures.awaitMail(email, "Please confirm");
        String link = ClinicFixtures.link(mail);
        assertThat(link).matches("\\Q" + BASE_URL + "/clinics/confirmations/\\E[A-Za-z0-9_-]{43}");
        assertThat(ClinicFixtures.text(mail)).contains(seeded.title());

        ConsumerRecord<String, String> event = bookings.awaitKey(clinicId, 1).get(0);
        assertThat(ClinicFixtures.eventType(json, event)).isEqualTo("ClinicRequested");
        Map<String, Object> data = ClinicFixtures.eventData(json, event);
        assertThat(data).containsEntry("kind", "CLINIC").containsEntry("status", "PENDING_CONFIRMATION")
                .containsEntry("problemStatementId", seeded.problemId().toString());
        assertThat((List<Map<String, Object>>) data.get("providers")).hasSize(3);
        assertThat(event.value()).doesNotContain(link.substring(link.lastIndexOf('/') + 1));

        HttpResponse<String> again = post("/api/clinics", clinicJson(seeded.problemId(), slot.get("id")));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith(PROBLEM_JSON);
        assertThat(body(again)).containsEntry("type", ProblemResponses.type("slot-taken"));
    }

    @Test
    void fiftyConcurrentRequestsForOneSlotGiveExactlyOneClinic() throws Exception {
        String email = coordinator("race50");
        Map<String, Object> slot = createSlot(email, nextStart(), 60);
        UUID slotId = UUID.fromString((String) slot.get("id"));
        int n = 50;
        long t0 = System.nanoTime();
        List<Integer> statuses = race(n, i -> post("/api/clinics", clinicJson(seeded.problemId(), slotId)).statusCode());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long created = statuses.stream().filter(s -> s == 201).count();
        long conflicts = statuses.stream().filter(s -> s == 409).count();
        System.out.printf("Clinic booking race: %d requests -> %d x 201, %d x 409, in %d ms%n", n, created, conflicts, ms);
        assertThat(created).isEqualTo(1);
        assertThat(conflicts).isEqualTo(n - 1);
        List<ClinicEntity> stored = StreamSupport.stream(clinicRepository.findAll().spliterator(), false)
                .filter(c -> c.slotId().equals(slotId)).toList();
        assertThat(stored).hasSize(1);
        String winner = stored.get(0).id().toString();
        bookings.awaitKey(winner, 1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> relay.backlog() == 0);
        assertThat(ClinicFixtures.awaitMail(email, "Please confirm")).isNotNull();
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> ClinicFixtures.mailsTo(email, "Please confirm").size() == 1);
    }

    @Test
    void theDatabaseItselfRefusesASecondClinicHoldingASlotAndAReleasedSlotCanBeHeldAgain() {
        Map<String, Object> slot = createSlot(coordinator("constraint"), nextStart(), 30);
        UUID slotId = UUID.fromString((String) slot.get("id"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        java.util.function.Function<io.innoleap.scheduler.clinics.domain.ClinicStatus, ClinicEntity> clinic = status -> new ClinicEntity(
                UUID.randomUUID(), slotId, status.holdsSlot() ? slotId : null, seeded.problemId(), "t", "A", "Agency", null, null, null,
                "Lim", "lim@x.example", null, now, now.plusSeconds(1800), "[]", status, now, 0, now, now, null);
        // Bypassing the service's friendly pre-check: the UNIQUE constraint is the guarantee.
        clinicRepository.save(clinic.apply(io.innoleap.scheduler.clinics.domain.ClinicStatus.PENDING_CONFIRMATION));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        clinicRepository.save(clinic.apply(io.innoleap.scheduler.clinics.domain.ClinicStatus.CONFIRMED)))
                .satisfies(e -> assertThat(DatabaseErrors.isDuplicateKey(e, Clinics.ACTIVE_SLOT_CONSTRAINT)).isTrue());
        // Declined and expired clinics keep slot_id but release active_slot_id: any number may share a slot.
        clinicRepository.save(clinic.apply(io.innoleap.scheduler.clinics.domain.ClinicStatus.DECLINED));
        clinicRepository.save(clinic.apply(io.innoleap.scheduler.clinics.domain.ClinicStatus.EXPIRED));
    }

    @Test
    void clinicRequestsForUnknownClosedOrInvalidInputAreRefusedAndChangeNothing() throws Exception {
        Map<String, Object> slot = createSlot(coordinator("bad"), nextStart(), 30);
        Object slotId = slot.get("id");
        long clinicsBefore = clinicRepository.count();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> relay.backlog() == 0);
        int eventsBefore = bookings.records().size();

        HttpResponse<String> unknownProblem = post("/api/clinics", clinicJson(UUID.randomUUID(), slotId));
        assertThat(unknownProblem.statusCode()).isEqualTo(404);
        assertThat(unknownProblem.headers().firstValue("Content-Type").orElse("")).startsWith(PROBLEM_JSON);
        assertThat(post("/api/clinics", clinicJson(seeded.problemId(), UUID.randomUUID())).statusCode()).isEqualTo(404);

        HttpResponse<String> empty = post("/api/clinics", "{}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.headers().firstValue("Content-Type").orElse("")).startsWith(PROBLEM_JSON);
        assertThat(fields(body(empty))).contains("problemStatementId", "slotId");
        HttpResponse<String> notUuid = post("/api/clinics", "{\"problemStatementId\":\"abc\",\"slotId\":\"" + slotId + "\"}");
        assertThat(notUuid.statusCode()).isEqualTo(400);
        assertThat(notUuid.body()).contains("problemStatementId");
        assertThat(post("/api/clinics", "[").statusCode()).isEqualTo(400);
        assertThat(ClinicFixtures.send("POST", uri("/api/clinics"), "a=b", "application/x-www-form-urlencoded").statusCode())
                .isEqualTo(415);
        assertThat(get("/api/clinics/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("/api/clinics/nope").statusCode()).isEqualTo(400);

        Seeded closed = ClinicFixtures.seed(json, readModel, "closed", 1);
        ClinicFixtures.close(json, readModel, closed);
        HttpResponse<String> closedProblem = post("/api/clinics", clinicJson(closed.problemId(), slotId));
        assertThat(closedProblem.statusCode()).isEqualTo(409);
        assertThat(body(closedProblem).get("detail").toString()).contains("OPEN");
        assertThat(body(closedProblem)).containsEntry("type", ProblemResponses.type("problem-statement-not-open"));

        assertThat(clinicRepository.count()).isEqualTo(clinicsBefore);
        assertThat(body(get("/api/clinic-slots/" + slotId))).containsEntry("available", true);
        Thread.onSpinWait();
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> relay.backlog() == 0 && bookings.records().size() == eventsBefore);
    }

    private static <T> List<T> race(int n, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                Callable<T> task = () -> {
                    go.await();
                    return call.apply(k);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
