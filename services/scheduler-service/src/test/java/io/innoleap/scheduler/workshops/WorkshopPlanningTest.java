package io.innoleap.scheduler.workshops;

import static io.innoleap.scheduler.ProblemResponses.refused;
import static io.innoleap.scheduler.ProblemResponses.type;
import static io.innoleap.scheduler.ProblemResponses.typeOf;

import io.innoleap.testkit.MailParts;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.themes.Theme;
import io.innoleap.contracts.themes.ThemeCatalogue;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.readmodel.SnapshotFeed;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestSmtp;
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
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.innoleap.scheduler.readmodel.SnapshotFeed.match;
import static io.innoleap.scheduler.readmodel.SnapshotFeed.profile;
import static io.innoleap.scheduler.readmodel.SnapshotFeed.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Demand ranking and planning over HTTP, fed through the real topics, with the WorkshopPlanned
 * events and the invitation mails (GreenMail). The themes workforce-skills and digital-identity
 * are this class's: its agencies make them the top demand, and it closes its statements at the end.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkshopPlanningTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final String TOP = "workforce-skills";
    private static final String SECOND = "digital-identity";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    ReadModel readModel;

    private SnapshotFeed feed;
    private TopicProbe bookings;
    private final List<String> topAgencies = new ArrayList<>();
    private final List<String> secondAgencies = new ArrayList<>();
    private final List<ProblemStatementSnapshot> topStatements = new ArrayList<>();
    private SolutionProfileSnapshot p1, p2, p3, p4, p5, q1;
    private String firstWorkshopId;
    private int covering;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("scheduler-plan").withSmtp().actingAs("office").build();
    }

    @BeforeAll
    void feedReadModel() {
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
        feed = new SnapshotFeed(json);
        p1 = profile("Plan One Analytics " + SnapshotFeed.unique(""), TOP);
        p2 = profile("Plan Two Labs " + SnapshotFeed.unique(""), TOP);
        p3 = profile("Plan Three Institute " + SnapshotFeed.unique(""), TOP);
        p4 = profile("Plan Four Pte Ltd " + SnapshotFeed.unique(""), TOP);
        p5 = profile("Plan Five Off-Theme " + SnapshotFeed.unique(""), TOP, "education");
        q1 = profile("Plan Identity Co " + SnapshotFeed.unique(""), SECOND);
        List.of(p1, p2, p3, p4, p5, q1).forEach(feed::publish);

        // Five agencies with two immediate statements each on TOP: demand 3x5 + 10 + 10 = 35.
        for (int a = 0; a < 5; a++) {
            String code = SnapshotFeed.unique("WP");
            topAgencies.add(code);
            for (int s = 0; s < 2; s++) {
                ProblemStatementSnapshot st = statement(code, "manpower", "Skills gap " + a + "." + s,
                        Horizon.IMMEDIATE_OPERATIONAL, TOP);
                topStatements.add(st);
                feed.publish(st);
            }
        }
        // Three agencies with one long-term statement each on SECOND: demand 3x3 + 3 = 12.
        List<ProblemStatementSnapshot> secondStatements = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            String code = SnapshotFeed.unique("DI");
            secondAgencies.add(code);
            ProblemStatementSnapshot st = statement(code, "identity", "Identity check " + a, Horizon.LONG_TERM, SECOND);
            secondStatements.add(st);
            feed.publish(st);
        }
        // P1: 3 x 0.9 = 2.7; P2: 4 x 0.5 = 2.0; P3: 2 x 0.8 = 1.6; P4: 0.7; P5 shares only another theme.
        for (int i = 0; i < 3; i++) feed.publish(match(topStatements.get(i), p1, 0.9, TOP));
        for (int i = 3; i < 7; i++) feed.publish(match(topStatements.get(i), p2, 0.5, TOP));
        for (int i = 7; i < 9; i++) feed.publish(match(topStatements.get(i), p3, 0.8, TOP));
        feed.publish(match(topStatements.get(9), p4, 0.7, TOP));
        for (int i = 0; i < 5; i++) feed.publish(match(topStatements.get(i), p5, 0.95, "education"));
        feed.publish(match(secondStatements.get(0), q1, 0.6, SECOND));

        feed.awaitProblemStatementsCaughtUp(readModel);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var matches = readModel.matchesFor(topStatements.stream().map(ProblemStatementSnapshot::id).toList());
            long count = matches.values().stream().mapToLong(List::size).sum();
            return count == 15 && !readModel.matchesFor(List.of(secondStatements.get(0).id()))
                    .get(secondStatements.get(0).id()).isEmpty();
        });

        // Other test classes' open statements are on the shared topics too: cover their themes with
        // upcoming workshops (before any of ours) so planning here is decided by this class's data alone.
        for (Map<String, Object> d : items(http.toBlocking().retrieve(HttpRequest.GET("/api/workshops/demand"), MAP))) {
            if (!TOP.equals(d.get("theme")) && !SECOND.equals(d.get("theme"))) {
                http.toBlocking().exchange(HttpRequest.POST("/api/workshops", """
                        {"theme": "%s", "startsAt": "2026-12-07T09:30:00+08:00", "overrideCadence": true}"""
                        .formatted(d.get("theme"))).contentType(MediaType.APPLICATION_JSON), MAP);
                covering++;
            }
        }
    }

    @AfterAll
    void cleanUp() {
        feed.closeAll();
        feed.close();
        bookings.close();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private Map<String, Object> demandOf(String theme) {
        return items(http.toBlocking().retrieve(HttpRequest.GET("/api/workshops/demand"), MAP)).stream()
                .filter(d -> theme.equals(d.get("theme"))).findFirst().orElseThrow();
    }

    private HttpResponse<Map<String, Object>> plan(String body) {
        return http.toBlocking().exchange(HttpRequest.POST("/api/workshops/plan", body)
                .contentType(MediaType.APPLICATION_JSON), MAP);
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void demandRanksThemesWithTheirCounts() {
        List<Map<String, Object>> ranked = items(http.toBlocking().retrieve(HttpRequest.GET("/api/workshops/demand"), MAP));
        assertThat(ranked).extracting(d -> (Integer) d.get("demandScore")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ranked).extracting(d -> d.get("rank")).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, ranked.size()).boxed().toList());
        assertThat(ranked).filteredOn(d -> d.get("upcomingWorkshopId") == null).extracting(d -> d.get("theme"))
                .containsExactly(TOP, SECOND);
        Map<String, Object> top = demandOf(TOP);
        assertThat((List<String>) top.get("agencyCodes")).containsExactlyElementsOf(topAgencies.stream().sorted().toList());
        assertThat(top).containsEntry("openProblemStatements", 10).containsEntry("distinctAgencies", 5)
                .containsEntry("immediateOperational", 10).containsEntry("demandScore", 35);
        assertThat(top.get("upcomingWorkshopId")).isNull();

        Map<String, Object> second = demandOf(SECOND);
        assertThat((List<String>) second.get("agencyCodes")).containsExactlyElementsOf(secondAgencies.stream().sorted().toList());
        assertThat(second).containsEntry("openProblemStatements", 3).containsEntry("distinctAgencies", 3)
                .containsEntry("immediateOperational", 0).containsEntry("demandScore", 12);
        assertThat((Integer) second.get("rank")).isGreaterThan(1);
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void plansTheTopThemeOnTheFirstWeekdayWithParticipantsInvitationsAndEvent() throws Exception {
        HttpResponse<Map<String, Object>> response = plan("""
                {"notBefore": "2027-02-06", "capacity": 3, "venue": "Innovation Hub, Level 3",
                 "startTime": "10:00", "durationMinutes": 120}""");
        assertThat((Object) response.getStatus()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> w = response.body();
        firstWorkshopId = (String) w.get("id");
        assertThat(response.getHeaders().get("Location")).isEqualTo("/api/workshops/" + firstWorkshopId);

        // 2027-02-06 is a Saturday: the first working day on or after it is Monday 8 February (inside the
        // 8-to-13-week window after the covering workshops of 2026-12-07, when there are any).
        assertThat(w).containsEntry("theme", TOP).containsEntry("status", "SCHEDULED").containsEntry("version", 0)
                .containsEntry("origin", "PLANNED").containsEntry("date", "2027-02-08").containsEntry("capacity", 3)
                .containsEntry("venue", "Innovation Hub, Level 3").containsEntry("durationMinutes", 120)
                .containsEntry("cadenceOverridden", false);
        assertThat(OffsetDateTime.parse((String) w.get("startsAt"))).isEqualTo(OffsetDateTime.parse("2027-02-08T10:00:00+08:00"));
        assertThat(OffsetDateTime.parse((String) w.get("endsAt"))).isEqualTo(OffsetDateTime.parse("2027-02-08T12:00:00+08:00"));
        assertThat((Map<String, Object>) w.get("demand")).containsEntry("demandScore", 35).containsEntry("distinctAgencies", 5);

        List<Map<String, Object>> participants = (List<Map<String, Object>>) w.get("participants");
        assertThat(participants).extracting(p -> ((Map<String, Object>) p.get("agency")).get("code"))
                .containsExactlyElementsOf(topAgencies.stream().sorted().toList());
        assertThat(participants).allSatisfy(p -> assertThat((List<?>) p.get("problemStatements")).hasSize(2));

        // Capacity 3: the three best aggregated providers, best first; P4 and the off-theme P5 are not invited.
        List<Map<String, Object>> invited = (List<Map<String, Object>>) w.get("invitedProviders");
        assertThat(invited).extracting(p -> p.get("solutionProfileId"))
                .containsExactly(p1.id().toString(), p2.id().toString(), p3.id().toString());
        assertThat(((Number) invited.get(0).get("score")).doubleValue()).isCloseTo(2.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(invited.get(1)).containsEntry("matchedProblemStatements", 4);

        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/workshops/" + firstWorkshopId), MAP)).isEqualTo(w);

        // WorkshopPlanned on innoleap.bookings, keyed by the workshop id, carrying the booking snapshot.
        List<ConsumerRecord<String, String>> events = bookings.awaitKey(firstWorkshopId, 1);
        Map<String, Object> envelope = json.readValue(events.get(0).value(), MAP);
        assertThat(envelope).containsEntry("type", "WorkshopPlanned").containsEntry("schemaVersion", 1);
        Map<String, Object> data = (Map<String, Object>) envelope.get("data");
        assertThat(data).containsEntry("id", firstWorkshopId).containsEntry("kind", "WORKSHOP")
                .containsEntry("theme", TOP).containsEntry("status", "SCHEDULED").containsEntry("version", 0)
                .containsEntry("venue", "Innovation Hub, Level 3");
        assertThat((List<String>) data.get("agencyCodes")).containsExactlyElementsOf(topAgencies.stream().sorted().toList());
        assertThat((List<String>) data.get("problemStatementIds")).hasSize(10);
        assertThat((List<Map<String, Object>>) data.get("providers")).extracting(p -> p.get("solutionProfileId"))
                .containsExactly(p1.id().toString(), p2.id().toString(), p3.id().toString());

        // Invitations with the .ics: every participating agency's contact and every invited provider's contact.
        List<String> invitedAddresses = new ArrayList<>();
        topAgencies.forEach(code -> invitedAddresses.add(code.toLowerCase() + "@agency.example"));
        List.of(p1, p2, p3).forEach(p -> invitedAddresses.add(p.contact().email()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                invitedAddresses.stream().allMatch(a -> TestSmtp.get().messagesTo(a).size() == 1));
        for (String address : invitedAddresses) {
            MimeMessage mail = TestSmtp.get().messagesTo(address).get(0);
            assertThat(mail.getSubject()).contains("thematic workshop on " + TOP).contains("Asia/Singapore");
            List<MailParts.MailPart> parts = MailParts.of(mail);
            assertThat(parts).anySatisfy(p -> assertThat(p.contentType()).startsWith("text/plain"));
            assertThat(parts).anySatisfy(p -> assertThat(p.contentType()).startsWith("text/html"));
            MailParts.MailPart ics = parts.stream().filter(p -> p.contentType().toLowerCase().startsWith("text/calendar"))
                    .findFirst().orElseThrow();
            assertThat(ics.contentType().toLowerCase()).contains("method=request");
            assertThat(ics.fileName()).isEqualTo("workshop-" + firstWorkshopId + ".ics");
            String unfolded = ics.content().replace("\r\n ", "").replace("\n ", "");
            assertThat(unfolded).contains("METHOD:REQUEST").contains("UID:workshop-" + firstWorkshopId + "@")
                    .contains("DTSTART;TZID=Asia/Singapore:20270208T100000").contains("DTEND;TZID=Asia/Singapore:20270208T120000")
                    .contains("BEGIN:VTIMEZONE")
                    .containsIgnoringCase("mailto:" + address);
        }
        assertThat(TestSmtp.get().messagesTo(p4.contact().email())).isEmpty();
        assertThat(TestSmtp.get().messagesTo(p5.contact().email())).isEmpty();
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void theNextPlanTakesTheNextUncoveredThemeEightWeeksLater() {
        assertThat(demandOf(TOP)).containsEntry("upcomingWorkshopId", firstWorkshopId);

        Map<String, Object> w = plan("{\"notBefore\": \"2027-01-02\"}").body();
        String expectedTheme = items(http.toBlocking().retrieve(HttpRequest.GET("/api/workshops/demand"), MAP)).stream()
                .filter(d -> d.get("upcomingWorkshopId") == null || w.get("id").equals(d.get("upcomingWorkshopId")))
                .findFirst().orElseThrow().get("theme").toString();
        assertThat(w.get("theme")).isEqualTo(expectedTheme).isEqualTo(SECOND);
        // Previous workshop on Mon 2027-02-08: the window is 2027-04-05 (8 weeks) .. 2027-05-10 (13 weeks).
        assertThat(w).containsEntry("date", "2027-04-05").containsEntry("capacity", 20)
                .containsEntry("venue", "To be announced").containsEntry("durationMinutes", 180);
        assertThat(OffsetDateTime.parse((String) w.get("startsAt"))).isEqualTo(OffsetDateTime.parse("2027-04-05T09:30:00+08:00"));
        assertThat(LocalDate.parse((String) w.get("date")).getDayOfWeek().getValue()).isLessThanOrEqualTo(5);
        assertThat((List<Map<String, Object>>) w.get("participants"))
                .extracting(p -> ((Map<String, Object>) p.get("agency")).get("code"))
                .containsExactlyElementsOf(secondAgencies.stream().sorted().toList());
        assertThat((List<Map<String, Object>>) w.get("invitedProviders")).extracting(p -> p.get("solutionProfileId"))
                .containsExactly(q1.id().toString());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.get().messagesTo(q1.contact().email()).size() == 1);

        Map<String, Object> list = http.toBlocking().retrieve(HttpRequest.GET("/api/workshops?page=0&size=10"), MAP);
        assertThat(list).containsEntry("totalItems", covering + 2).containsEntry("page", 0).containsEntry("size", 10);
        Map<String, Object> all = http.toBlocking().retrieve(HttpRequest.GET("/api/workshops?size=100"), MAP);
        assertThat(items(all)).extracting(i -> i.get("id")).endsWith(firstWorkshopId, w.get("id"));
    }

    @Test
    @Order(4)
    void aNotBeforePastTheCadenceWindowIsAConflictAndStoresNothing() {
        // Demand on a theme without an upcoming workshop, so the plan gets past choosing a theme and is
        // refused for the cadence window alone (the previous workshop is on 2027-04-05).
        Set<Object> covered = items(http.toBlocking().retrieve(HttpRequest.GET("/api/workshops/demand"), MAP)).stream()
                .filter(d -> d.get("upcomingWorkshopId") != null).map(d -> d.get("theme")).collect(Collectors.toSet());
        String uncovered = ThemeCatalogue.standard().themes().stream().map(Theme::slug).filter(t -> !covered.contains(t))
                .findFirst().orElseThrow();
        feed.publish(statement(SnapshotFeed.unique("WC"), "window", "Cadence window check", Horizon.LONG_TERM, uncovered));
        feed.awaitProblemStatementsCaughtUp(readModel);
        int eventsBefore = bookings.records().size();
        HttpClientResponseException e = refused(() -> plan("{\"notBefore\": \"2027-12-01\"}"));
        assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(typeOf(e)).isEqualTo(type("cadence-window-unavailable"));
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/workshops"), MAP)).containsEntry("totalItems", covering + 2);
        assertThat(bookings.records().size()).isEqualTo(eventsBefore);
    }

    @Test
    @Order(5)
    void badPlanRequestsNameEveryBadField() {
        HttpClientResponseException e = refused(() -> plan("""
                {"notBefore": "2027-02-30", "startTime": "9.30", "durationMinutes": 10, "capacity": 0, "venue": ""}"""));
        assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(e)).containsExactlyInAnyOrder("notBefore", "startTime", "durationMinutes", "capacity", "venue");

        HttpClientResponseException late = refused(() -> plan("{\"startTime\": \"23:00\"}"));
        assertThat((Object) late.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(late)).containsExactly("durationMinutes");

        HttpClientResponseException malformed = refused(() -> plan("{\"notBefore\": "));
        assertThat((Object) malformed.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);

        HttpClientResponseException wrongType = refused(() -> plan("{\"capacity\": \"many\"}"));
        assertThat((Object) wrongType.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);

        HttpClientResponseException badPage = refused(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/workshops?size=500"), MAP));
        assertThat((Object) badPage.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(badPage)).containsExactly("size");

        HttpClientResponseException unknown = refused(() -> http.toBlocking().retrieve(
                HttpRequest.GET("/api/workshops/" + java.util.UUID.randomUUID()), MAP));
        assertThat((Object) unknown.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);

        HttpClientResponseException notAnId = refused(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/workshops/not-a-uuid"), MAP));
        assertThat((Object) notAnId.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/workshops"), MAP)).containsEntry("totalItems", covering + 2);
    }

    @SuppressWarnings("unchecked")
    static List<String> fields(HttpClientResponseException e) {
        Map<String, Object> problem = e.getResponse().getBody(MAP).orElseThrow();
        return ((List<Map<String, Object>>) problem.getOrDefault("errors", List.of())).stream()
                .map(f -> (String) f.get("field")).collect(Collectors.toList());
    }
}
