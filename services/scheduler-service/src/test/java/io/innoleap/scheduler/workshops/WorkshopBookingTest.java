package io.innoleap.scheduler.workshops;

import static io.innoleap.scheduler.ProblemResponses.refused;
import static io.innoleap.scheduler.ProblemResponses.type;
import static io.innoleap.scheduler.ProblemResponses.typeOf;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.readmodel.SnapshotFeed;
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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Explicit workshop bookings over HTTP: the cadence rule, its override, concurrent bookings, paging, bad input. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkshopBookingTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    ReadModel readModel;

    private TopicProbe bookings;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("scheduler-book").withSmtp().actingAs("office").build();
    }

    @BeforeAll
    void probe() {
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
    }

    @AfterAll
    void close() {
        bookings.close();
    }

    private HttpResponse<Map<String, Object>> book(String body) {
        return http.toBlocking().exchange(HttpRequest.POST("/api/workshops", body).contentType(MediaType.APPLICATION_JSON), MAP);
    }

    private static String booking(String startsAt, boolean override) {
        return """
                {"theme": "Workforce Skill", "startsAt": "%s", "durationMinutes": 90, "venue": "Hall B",
                 "capacity": 5, "overrideCadence": %s}""".formatted(startsAt, override);
    }

    private long total() {
        return ((Number) http.toBlocking().retrieve(HttpRequest.GET("/api/workshops"), MAP).get("totalItems")).longValue();
    }

    @Test
    @Order(1)
    void booksAnExplicitWorkshopWithTheThemeNormalised() throws Exception {
        HttpResponse<Map<String, Object>> response = book(booking("2027-02-01T09:30:00+08:00", false));
        assertThat((Object) response.getStatus()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> w = response.body();
        assertThat(w).containsEntry("theme", "workforce-skills").containsEntry("origin", "EXPLICIT")
                .containsEntry("status", "SCHEDULED").containsEntry("version", 0).containsEntry("date", "2027-02-01")
                .containsEntry("durationMinutes", 90).containsEntry("venue", "Hall B").containsEntry("capacity", 5)
                .containsEntry("cadenceOverridden", false);
        assertThat(OffsetDateTime.parse((String) w.get("endsAt"))).isEqualTo(OffsetDateTime.parse("2027-02-01T11:00:00+08:00"));
        // The same instant sent in UTC is the same workshop time; output is in the programme zone's offset.
        assertThat((String) w.get("startsAt")).endsWith("+08:00");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/workshops/" + w.get("id")), MAP)).isEqualTo(w);

        Map<String, Object> envelope = json.readValue(bookings.awaitKey((String) w.get("id"), 1).get(0).value(), MAP);
        assertThat(envelope).containsEntry("type", "WorkshopPlanned");
    }

    @Test
    @Order(2)
    void aDateBreakingTheCadenceIsAConflictUnlessOverridden() {
        // Four weeks after 2027-02-01: too soon.
        HttpClientResponseException e = refused(() -> book(booking("2027-03-01T01:30:00Z", false)));
        assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(e.getResponse().getBody(MAP).orElseThrow().get("detail").toString()).contains("overrideCadence");
        assertThat(typeOf(e)).isEqualTo(type("cadence-violation"));
        assertThat(total()).isEqualTo(1);

        // Nine weeks later is inside the window.
        Map<String, Object> ok = book(booking("2027-04-05T09:30:00+08:00", false)).body();
        assertThat(ok).containsEntry("cadenceOverridden", false);

        // Between the two (5 and 4 weeks away): only with the override, which the workshop records.
        Map<String, Object> overridden = book(booking("2027-03-01T09:30:00+08:00", true)).body();
        assertThat(overridden).containsEntry("cadenceOverridden", true).containsEntry("date", "2027-03-01");
        assertThat(total()).isEqualTo(3);
    }

    @Test
    @Order(3)
    void concurrentBookingsCannotBothPassTheCadence() throws Exception {
        // Each date alone is 9 weeks after the latest workshop (2027-04-05); together they are days apart.
        List<String> dates = List.of("2027-06-07", "2027-06-08", "2027-06-09", "2027-06-10", "2027-06-11");
        ExecutorService pool = Executors.newFixedThreadPool(dates.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (String date : dates) {
                Callable<Integer> call = () -> {
                    start.await();
                    try {
                        return book(booking(date + "T09:30:00+08:00", false)).getStatus().getCode();
                    } catch (HttpClientResponseException e) {
                        return e.getStatus().getCode();
                    }
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertThat(codes).containsOnly(201, 409);
            assertThat(codes).filteredOn(c -> c == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(total()).isEqualTo(4);
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void listsInDateOrderWithPaging() {
        Map<String, Object> first = http.toBlocking().retrieve(HttpRequest.GET("/api/workshops?page=0&size=2"), MAP);
        assertThat(first).containsEntry("page", 0).containsEntry("size", 2).containsEntry("totalItems", 4);
        List<Map<String, Object>> items = (List<Map<String, Object>>) first.get("items");
        assertThat(items).extracting(i -> i.get("date")).containsExactly("2027-02-01", "2027-03-01");
        Map<String, Object> second = http.toBlocking().retrieve(HttpRequest.GET("/api/workshops?page=1&size=2"), MAP);
        assertThat((List<Map<String, Object>>) second.get("items")).extracting(i -> i.get("date"))
                .startsWith("2027-04-05").hasSize(2);
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void concurrentPlansSerialiseOnTheCalendarAndKeepTheCadence() throws Exception {
        // Demand on three themes of this class's own agencies, so there is something to plan.
        try (SnapshotFeed feed = new SnapshotFeed(json)) {
            List<UUID> ids = new ArrayList<>();
            for (String theme : List.of("healthcare", "education", "manufacturing")) {
                var s = SnapshotFeed.statement(SnapshotFeed.unique("CP"), "concurrency", "Plan me on " + theme,
                        Horizon.IMMEDIATE_OPERATIONAL, theme);
                feed.publish(s);
                ids.add(s.id());
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ids.stream().allMatch(id -> readModel.problemStatement(id).isPresent()));
            int before = (int) total();

            ExecutorService pool = Executors.newFixedThreadPool(3);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            return http.toBlocking().exchange(HttpRequest.POST("/api/workshops/plan", "{}")
                                    .contentType(MediaType.APPLICATION_JSON), MAP).getStatus().getCode();
                        } catch (HttpClientResponseException e) {
                            return e.getStatus().getCode();
                        }
                    }));
                }
                start.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : results) {
                    codes.add(f.get());
                }
                assertThat(codes).isSubsetOf(201, 409).contains(201);
                assertThat(total()).isEqualTo(before + codes.stream().filter(c -> c == 201).count());
            } finally {
                pool.shutdownNow();
                feed.closeAll();
            }
        }
        // Each planned workshop saw the ones planned before it: 8 to 13 weeks after its predecessor, distinct themes.
        List<Map<String, Object>> all = (List<Map<String, Object>>) http.toBlocking()
                .retrieve(HttpRequest.GET("/api/workshops?size=100"), MAP).get("items");
        List<String> plannedThemes = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            if ("PLANNED".equals(all.get(i).get("origin"))) {
                long gap = java.time.temporal.ChronoUnit.DAYS.between(
                        java.time.LocalDate.parse((String) all.get(i - 1).get("date")),
                        java.time.LocalDate.parse((String) all.get(i).get("date")));
                assertThat(gap).isBetween(56L, 91L);
                plannedThemes.add((String) all.get(i).get("theme"));
            }
        }
        assertThat(plannedThemes).doesNotHaveDuplicates().isNotEmpty();
    }

    @Test
    @Order(6)
    void badBookingsNameEveryBadFieldAndStoreNothing() {
        long before = total();
        HttpClientResponseException all = refused(() -> book("""
                {"theme": "underwater basket weaving", "startsAt": "tomorrow morning", "durationMinutes": 5,
                 "capacity": 0, "venue": ""}"""));
        assertThat((Object) all.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(WorkshopPlanningTest.fields(all))
                .containsExactlyInAnyOrder("theme", "startsAt", "durationMinutes", "capacity", "venue");
        assertThat(all.getResponse().getBody(String.class).orElseThrow()).contains("closest valid themes");

        HttpClientResponseException empty = refused(() -> book("{}"));
        assertThat(WorkshopPlanningTest.fields(empty)).containsExactlyInAnyOrder("theme", "startsAt");

        HttpClientResponseException saturday = refused(() -> book(booking("2027-02-06T09:30:00+08:00", true)));
        assertThat((Object) saturday.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(WorkshopPlanningTest.fields(saturday)).containsExactly("startsAt");
        assertThat(typeOf(saturday)).as("a rule's field error is the same kind of problem as an annotation's")
                .isEqualTo(type("invalid-request")).isEqualTo(typeOf(empty));

        HttpClientResponseException past = refused(() -> book(booking("2020-02-03T09:30:00+08:00", true)));
        assertThat(WorkshopPlanningTest.fields(past)).containsExactly("startsAt");

        HttpClientResponseException noOffset = refused(() -> book(booking("2027-02-03T09:30:00", true)));
        assertThat(WorkshopPlanningTest.fields(noOffset)).containsExactly("startsAt");

        HttpClientResponseException pastMidnight = refused(() -> book("""
                {"theme": "cloud", "startsAt": "2027-02-03T22:00:00+08:00", "durationMinutes": 180, "overrideCadence": true}"""));
        assertThat(WorkshopPlanningTest.fields(pastMidnight)).containsExactly("durationMinutes");

        HttpClientResponseException notJson = refused(() -> http.toBlocking().exchange(
                HttpRequest.POST("/api/workshops", "theme=cloud").contentType(MediaType.TEXT_PLAIN), MAP));
        assertThat((Object) notJson.getStatus()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);

        assertThat(total()).isEqualTo(before);
    }
}
