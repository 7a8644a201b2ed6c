package io.innoleap.scheduler.sharingdays;

import static io.innoleap.scheduler.ProblemResponses.refused;
import static io.innoleap.scheduler.ProblemResponses.type;
import static io.innoleap.scheduler.ProblemResponses.typeOf;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.innoleap.scheduler.readmodel.SnapshotFeed.match;
import static io.innoleap.scheduler.readmodel.SnapshotFeed.profile;
import static io.innoleap.scheduler.readmodel.SnapshotFeed.statement;
import static org.assertj.core.api.Assertions.assertThat;

/** Sharing-day agendas over HTTP, from a read model fed through the real topics. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingDayTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final String THEME = "environment";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    ReadModel readModel;

    private SnapshotFeed feed;
    private TopicProbe bookings;
    private final String s1 = SnapshotFeed.unique("SA");
    private final String s2 = SnapshotFeed.unique("SB");
    private final String s3 = SnapshotFeed.unique("SC");
    private final String domain = "sd-" + UUID.randomUUID().toString().substring(0, 8);
    private final String otherDomain = "sd-" + UUID.randomUUID().toString().substring(0, 8);
    private SolutionProfileSnapshot p1, p2, p3, p4, p5, p6;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("scheduler-sharing").actingAs("office").build();
    }

    @BeforeAll
    void feedReadModel() {
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
        feed = new SnapshotFeed(json);
        p1 = profile("Sharing One " + s1, THEME);
        p2 = profile("Sharing Two " + s1, THEME);
        p3 = profile("Sharing Three " + s1, THEME);
        p4 = profile("Sharing Four " + s1, THEME);
        p5 = profile("Sharing Five " + s1, THEME);
        p6 = profile("Sharing Six " + s1, THEME, "finance");
        List.of(p1, p2, p3, p4, p5, p6).forEach(feed::publish);

        ProblemStatementSnapshot st1 = statement(s1, domain, "Air quality near schools", Horizon.LONG_TERM, THEME);
        ProblemStatementSnapshot st1b = statement(s1, domain, "Flood sensors", Horizon.IMMEDIATE_OPERATIONAL, THEME);
        ProblemStatementSnapshot st1x = statement(s1, domain, "Tax fraud", Horizon.LONG_TERM, "finance");
        ProblemStatementSnapshot st2 = statement(s2, domain, "Noise mapping", Horizon.LONG_TERM, THEME, "smart-cities");
        ProblemStatementSnapshot st3 = statement(s3, otherDomain, "Coastal erosion", Horizon.LONG_TERM, THEME);
        List.of(st1, st1b, st1x, st2, st3).forEach(feed::publish);

        // For {s1, s2}: P1 0.9 + 0.5 = 1.4, P3 0.8, P4 0.7, P2 0.6. P5 matches only s3; P6 shares only finance.
        feed.publish(match(st1, p1, 0.9, THEME));
        feed.publish(match(st1, p2, 0.6, THEME));
        feed.publish(match(st1b, p3, 0.8, THEME));
        feed.publish(match(st2, p1, 0.5, THEME, "smart-cities"));
        feed.publish(match(st2, p4, 0.7, THEME));
        feed.publish(match(st3, p5, 0.95, THEME));
        feed.publish(match(st1x, p6, 0.99, "finance"));

        List<UUID> ids = List.of(st1.id(), st1b.id(), st1x.id(), st2.id(), st3.id());
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                readModel.matchesFor(ids).values().stream().mapToInt(List::size).sum() == 7);
        feed.awaitKnown(readModel); // its statements and profiles too, not only the matches
    }

    @AfterAll
    void cleanUp() {
        feed.closeAll();
        feed.close();
        bookings.close();
    }

    private HttpResponse<Map<String, Object>> schedule(String body) {
        return http.toBlocking().exchange(HttpRequest.POST("/api/sharing-days", body).contentType(MediaType.APPLICATION_JSON), MAP);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> presenters(Map<String, Object> day) {
        return (List<Map<String, Object>>) day.get("presenters");
    }

    private static OffsetDateTime at(Object text) {
        return OffsetDateTime.parse((String) text);
    }

    /** Every slot exactly {@code minutes} long, back to back from the start, distinct providers, consultation last. */
    @SuppressWarnings("unchecked")
    private static void assertWellFormedAgenda(Map<String, Object> day, String start, int minutes, int consultation) {
        List<Map<String, Object>> slots = presenters(day);
        OffsetDateTime cursor = OffsetDateTime.parse(start);
        assertThat(at(day.get("startsAt"))).isEqualTo(cursor);
        Set<Object> providers = new HashSet<>();
        for (Map<String, Object> slot : slots) {
            assertThat(at(slot.get("startsAt"))).isEqualTo(cursor);
            assertThat(at(slot.get("endsAt"))).isEqualTo(cursor.plusMinutes(minutes));
            assertThat(providers.add(slot.get("solutionProfileId"))).as("distinct providers").isTrue();
            assertThat((String) slot.get("startsAt")).endsWith("+08:00");
            cursor = cursor.plusMinutes(minutes);
        }
        Map<String, Object> block = (Map<String, Object>) day.get("consultation");
        assertThat(at(block.get("startsAt"))).isEqualTo(cursor);
        assertThat(at(block.get("endsAt"))).isEqualTo(cursor.plusMinutes(consultation));
        assertThat(at(day.get("endsAt"))).isEqualTo(cursor.plusMinutes(consultation));
    }

    @Test
    @SuppressWarnings("unchecked")
    void agencyAudienceGetsTheBestMatchedProvidersInConsecutiveSlotsThenTheConsultation() throws Exception {
        HttpResponse<Map<String, Object>> response = schedule("""
                {"theme": "Environmental", "audience": {"agencyCodes": ["%s", "%s"]}, "date": "2027-02-03",
                 "startTime": "09:30", "presentationMinutes": 20, "consultationMinutes": 60, "maxPresenters": 3}"""
                .formatted(s1.toLowerCase(Locale.ROOT), s2));
        assertThat((Object) response.getStatus()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> day = response.body();
        String id = (String) day.get("id");
        assertThat(response.getHeaders().get("Location")).isEqualTo("/api/sharing-days/" + id);
        assertThat(day).containsEntry("theme", THEME).containsEntry("status", "SCHEDULED").containsEntry("version", 0)
                .containsEntry("date", "2027-02-03").containsEntry("presentersLeftOutForTime", 0);
        assertThat((List<String>) day.get("agencyCodes")).containsExactlyInAnyOrder(s1, s2);
        assertThat((List<String>) ((Map<String, Object>) day.get("audience")).get("agencyCodes")).containsExactlyInAnyOrder(s1, s2);
        assertThat((List<String>) day.get("problemStatementIds")).hasSize(3);
        assertThat(presenters(day)).extracting(p -> p.get("solutionProfileId"))
                .containsExactly(p1.id().toString(), p3.id().toString(), p4.id().toString());
        assertThat(presenters(day)).extracting(p -> p.get("organisationName"))
                .containsExactly(p1.organisation().name(), p3.organisation().name(), p4.organisation().name());
        assertWellFormedAgenda(day, "2027-02-03T09:30:00+08:00", 20, 60);
        assertThat(at(((Map<String, Object>) day.get("consultation")).get("startsAt")))
                .isEqualTo(OffsetDateTime.parse("2027-02-03T10:30:00+08:00"));

        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/sharing-days/" + id), MAP)).isEqualTo(day);

        Map<String, Object> envelope = json.readValue(bookings.awaitKey(id, 1).get(0).value(), MAP);
        assertThat(envelope).containsEntry("type", "SharingDayScheduled");
        Map<String, Object> data = (Map<String, Object>) envelope.get("data");
        assertThat(data).containsEntry("kind", "SHARING_DAY").containsEntry("theme", THEME);
        List<Map<String, Object>> providers = (List<Map<String, Object>>) data.get("providers");
        assertThat(providers).extracting(p -> p.get("solutionProfileId"))
                .containsExactly(p1.id().toString(), p3.id().toString(), p4.id().toString());
        assertThat(OffsetDateTime.parse((String) providers.get(1).get("startsAt")))
                .isEqualTo(OffsetDateTime.parse("2027-02-03T09:50:00+08:00"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void domainAudienceTakesEveryAgencyOfTheDomainAndNoOther() {
        Map<String, Object> day = schedule("""
                {"theme": "environment", "audience": {"domain": "%s"}, "date": "2027-02-04",
                 "startTime": "13:00", "presentationMinutes": 30, "consultationMinutes": 45, "maxPresenters": 10}"""
                .formatted(domain.toUpperCase(Locale.ROOT))).body();
        assertThat((List<String>) day.get("agencyCodes")).containsExactlyInAnyOrder(s1, s2);
        assertThat(((Map<String, Object>) day.get("audience")).get("domain")).isEqualTo(domain);
        assertThat(presenters(day)).extracting(p -> p.get("solutionProfileId"))
                .containsExactly(p1.id().toString(), p3.id().toString(), p4.id().toString(), p2.id().toString());
        assertWellFormedAgenda(day, "2027-02-04T13:00:00+08:00", 30, 45);

        Map<String, Object> other = schedule("""
                {"theme": "environment", "audience": {"domain": "%s"}, "date": "2027-02-04",
                 "startTime": "09:00", "presentationMinutes": 15, "consultationMinutes": 30, "maxPresenters": 5}"""
                .formatted(otherDomain)).body();
        assertThat((List<String>) other.get("agencyCodes")).containsExactly(s3);
        assertThat(presenters(other)).extracting(p -> p.get("solutionProfileId")).containsExactly(p5.id().toString());
        assertWellFormedAgenda(other, "2027-02-04T09:00:00+08:00", 15, 30);
    }

    @Test
    void keepsTheBestPresentersThatFitBeforeTheEndOfTheDay() {
        Map<String, Object> day = schedule("""
                {"theme": "environment", "audience": {"agencyCodes": ["%s", "%s"]}, "date": "2027-02-05",
                 "startTime": "16:00", "presentationMinutes": 60, "consultationMinutes": 60, "maxPresenters": 5}"""
                .formatted(s1, s2)).body();
        assertThat(presenters(day)).extracting(p -> p.get("solutionProfileId")).containsExactly(p1.id().toString());
        assertThat(day).containsEntry("presentersLeftOutForTime", 3);
        assertWellFormedAgenda(day, "2027-02-05T16:00:00+08:00", 60, 60);
    }

    @Test
    void anAudienceWithoutOpenStatementsOnTheThemeIsAConflict() {
        HttpClientResponseException e = refused(() -> schedule("""
                {"theme": "environment", "audience": {"agencyCodes": ["%s"]}, "date": "2027-02-05",
                 "startTime": "09:00", "presentationMinutes": 20, "consultationMinutes": 30, "maxPresenters": 5}"""
                .formatted(SnapshotFeed.unique("NONE"))));
        assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(typeOf(e)).isEqualTo(type("no-matching-presenters"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsAndFindsSharingDays() {
        Map<String, Object> created = schedule("""
                {"theme": "environment", "audience": {"agencyCodes": ["%s"]}, "date": "2027-03-03",
                 "startTime": "10:00", "presentationMinutes": 20, "consultationMinutes": 30, "maxPresenters": 2}"""
                .formatted(s3)).body();
        Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/api/sharing-days?theme=Environment&size=100"), MAP);
        assertThat((List<Map<String, Object>>) page.get("items")).extracting(i -> i.get("id")).contains(created.get("id"));
        assertThat(page).containsEntry("page", 0).containsEntry("size", 100);

        assertThat((Object) refused(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/sharing-days/" + UUID.randomUUID()), MAP))
                .getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((Object) refused(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/sharing-days/42"), MAP))
                .getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        HttpClientResponseException badTheme = refused(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/sharing-days?theme=weather"), MAP));
        assertThat(fields(badTheme)).containsExactly("theme");
    }

    @Test
    void badRequestsNameEveryBadFieldAndStoreNothing() {
        long before = total();
        HttpClientResponseException shape = refused(() -> schedule("""
                {"theme": "basket weaving", "audience": {"agencyCodes": [""]}, "date": "3 Feb",
                 "startTime": "7am", "presentationMinutes": 0, "consultationMinutes": 1000, "maxPresenters": 0}"""));
        assertThat((Object) shape.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(shape)).containsExactlyInAnyOrder("theme", "audience.agencyCodes[0]", "date", "startTime",
                "presentationMinutes", "consultationMinutes", "maxPresenters");

        HttpClientResponseException empty = refused(() -> schedule("{}"));
        assertThat(fields(empty)).containsExactlyInAnyOrder("theme", "audience", "date", "startTime",
                "presentationMinutes", "consultationMinutes", "maxPresenters");

        // Both audience alternatives, a Saturday and a start before 08:00: all three reported together.
        HttpClientResponseException rules = refused(() -> schedule("""
                {"theme": "environment", "audience": {"agencyCodes": ["%s"], "domain": "%s"}, "date": "2027-02-06",
                 "startTime": "07:00", "presentationMinutes": 20, "consultationMinutes": 30, "maxPresenters": 5}"""
                .formatted(s1, domain)));
        assertThat(fields(rules)).containsExactlyInAnyOrder("audience", "date", "startTime");

        HttpClientResponseException neither = refused(() -> schedule("""
                {"theme": "environment", "audience": {}, "date": "2027-02-05",
                 "startTime": "09:00", "presentationMinutes": 20, "consultationMinutes": 30, "maxPresenters": 5}"""));
        assertThat(fields(neither)).containsExactly("audience");

        HttpClientResponseException tooLate = refused(() -> schedule("""
                {"theme": "environment", "audience": {"domain": "%s"}, "date": "2027-02-05",
                 "startTime": "17:30", "presentationMinutes": 20, "consultationMinutes": 30, "maxPresenters": 5}"""
                .formatted(domain)));
        assertThat(fields(tooLate)).containsExactly("startTime");

        HttpClientResponseException wrongType = refused(() -> schedule("""
                {"theme": "environment", "audience": {"domain": "%s"}, "date": "2027-02-05",
                 "startTime": "09:00", "presentationMinutes": "twenty", "consultationMinutes": 30, "maxPresenters": 5}"""
                .formatted(domain)));
        assertThat((Object) wrongType.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(total()).isEqualTo(before);
    }

    private long total() {
        return ((Number) http.toBlocking().retrieve(HttpRequest.GET("/api/sharing-days"), MAP).get("totalItems")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(HttpClientResponseException e) {
        Map<String, Object> problem = e.getResponse().getBody(MAP).orElseThrow();
        return ((List<Map<String, Object>>) problem.getOrDefault("errors", List.of())).stream()
                .map(f -> (String) f.get("field")).collect(Collectors.toList());
    }
}
