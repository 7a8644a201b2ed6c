package io.innoleap.scheduler;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.readmodel.SnapshotFeed;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.AccessTable;
import io.innoleap.testkit.AccessTable.Row;
import io.innoleap.testkit.MailParts;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestOidc;
import io.innoleap.testkit.TestSmtp;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.innoleap.scheduler.readmodel.SnapshotFeed.match;
import static io.innoleap.scheduler.readmodel.SnapshotFeed.profile;
import static io.innoleap.scheduler.readmodel.SnapshotFeed.statement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access table's scheduler rows, each run over HTTP with a real token from the test identity
 * provider: every endpoint, every role, owner or not. A refused change changes nothing and
 * publishes nothing (the outbox, the collections and the objects involved are compared). Also:
 * contacts only for those the contract names.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRulesTest implements TestPropertyProvider {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+(/clinics/confirmations/[A-Za-z0-9_-]{43})");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Router router;
    @Inject
    OutboxRepository outbox;
    @Inject
    JsonMapper json;
    @Inject
    ReadModel readModel;
    @Inject
    ProgrammeCalendar calendar;
    @Inject
    Clock clock;

    private Api api;
    private SnapshotFeed feed;
    private ProblemStatementSnapshot ltaStatement;
    private String workshopId;
    private String sharingDayId;
    private String slotId;
    private String ltaClinicId;
    private final AtomicInteger slotNumber = new AtomicInteger();
    private final AtomicReference<LocalDate> lastWorkshopDay = new AtomicReference<>(LocalDate.of(2027, 1, 11));
    private final AtomicReference<LocalDate> lastSharingDay = new AtomicReference<>(LocalDate.of(2027, 2, 1));

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-access").withSmtp().build();
    }

    static List<Row> rows() {
        return AccessTable.rows("scheduler");
    }

    @BeforeAll
    void seed() {
        api = new Api(http);
        feed = new SnapshotFeed(json);
        ltaStatement = statement("LTA", "transport", "Access: bus bunching on trunk routes", Horizon.IMMEDIATE_OPERATIONAL,
                "transport");
        SolutionProfileSnapshot provider = profile("Access Fleet Analytics " + SnapshotFeed.unique(""), "transport");
        feed.publish(provider);
        feed.publish(ltaStatement);
        feed.publish(match(ltaStatement, provider, 0.8, "transport"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                readModel.matchesFor(List.of(ltaStatement.id())).get(ltaStatement.id()).size() == 1);
        feed.awaitKnown(readModel); // its statements and profiles too, not only the matches

        workshopId = (String) api.create("office", "/api/workshops", Bodies.workshop("cloud", nextWorkshopDay(), true)).get("id");
        sharingDayId = (String) api.create("office", "/api/sharing-days",
                Bodies.sharingDay("transport", List.of("LTA"), nextSharingDay())).get("id");
        // Published by the coordinator (so the slot records their sub), booked by LTA.
        slotId = (String) api.create("coordinator", "/api/clinic-slots", Bodies.slot(null, null, nextSlotStart(), 30)).get("id");
        String coordinatorsSlot = (String) api.create("coordinator", "/api/clinic-slots",
                Bodies.slot(null, null, nextSlotStart(), 30)).get("id");
        ltaClinicId = (String) api.create("lta", "/api/clinics", Bodies.clinic(ltaStatement.id(), coordinatorsSlot)).get("id");
    }

    @AfterAll
    void cleanUp() {
        feed.closeAll();
        feed.close();
    }

    @Test
    void everyEndpointHasARule() {
        AccessTable.assertCovers(router, rows());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theRuleHolds(Row row) {
        if (row.path().startsWith("/clinics/confirmations/")) {
            confirmationLinkRule(row);
            return;
        }
        String freshSlot = row.path().equals("/api/clinics") ? newSlotAsOffice() : null;
        String freshWorkshop = row.path().contains("{workshopToCancel}") ? (String) api.create("office", "/api/workshops",
                Bodies.workshop("cloud", nextWorkshopDay(), true)).get("id") : null;
        String freshClinic = row.path().contains("{clinicToCancel}") ? (String) api.create("lta", "/api/clinics",
                Bodies.clinic(ltaStatement.id(), api.create("coordinator", "/api/clinic-slots",
                        Bodies.slot(null, null, nextSlotStart(), 30)).get("id"))).get("id") : null;
        String freshSharingDay = row.path().contains("{sharingDayToCancel}") ? (String) api.create("office", "/api/sharing-days",
                Bodies.sharingDay("transport", List.of("LTA"), nextSharingDay())).get("id") : null;
        String path = row.path().replace("{workshopToCancel}", String.valueOf(freshWorkshop))
                .replace("{sharingDayToCancel}", String.valueOf(freshSharingDay))
                .replace("{clinicToCancel}", String.valueOf(freshClinic)).replace("{selector}", "liveness").replace("{workshop}", workshopId)
                .replace("{sharingDay}", sharingDayId).replace("{slot}", slotId).replace("{ltaClinic}", ltaClinicId)
                .replace("{topic}", "innoleap.matches");
        Object body = switch (row.method().name() + " " + row.path()) {
            case "POST /api/workshops/plan" -> Bodies.plan(LocalDate.of(2027, 1, 4));
            case "POST /api/workshops" -> Bodies.workshop("cloud", nextWorkshopDay(), true);
            case "POST /api/sharing-days" -> Bodies.sharingDay("transport", List.of("LTA"), nextSharingDay());
            case "POST /api/clinic-slots" -> switch (row.owner()) {
                case "own" -> Bodies.slot(null, null, nextSlotStart(), 30);
                case "other" -> Bodies.slot("Someone Else", "someone.else@innoleap.example", nextSlotStart(), 30);
                default -> Bodies.slot("Pool Coordinator", "pool@coordinators.example", nextSlotStart(), 30);
            };
            case "POST /api/clinics" -> Bodies.clinic(ltaStatement.id(), freshSlot);
            case "PUT /api/workshops/{workshop}" -> Bodies.reschedule(
                    ((Number) api.read("office", "/api/workshops/" + workshopId).get("version")).longValue(), nextWorkshopDay());
            case "PUT /api/sharing-days/{sharingDay}" -> Bodies.rescheduleSharingDay(
                    ((Number) api.read("office", "/api/sharing-days/" + sharingDayId).get("version")).longValue(), nextSharingDay());
            case "POST /api/workshops/{workshopToCancel}/cancel", "POST /api/clinics/{clinicToCancel}/cancel",
                 "POST /api/sharing-days/{sharingDayToCancel}/cancel" ->
                    Bodies.cancel("Access rules");
            default -> null;
        };
        Map<String, Object> before = row.method() == HttpMethod.GET ? null : state(freshSlot);
        if (freshClinic != null) {
            before.put("freshClinic", api.read("office", "/api/clinics/" + freshClinic));
        }

        int status = AccessTable.send(http, row, path, body);
        assertThat(status).as(row.toString()).isEqualTo(row.expected());
        if (status >= 400 && before != null) {
            Map<String, Object> after = state(freshSlot);
            if (freshClinic != null) {
                after.put("freshClinic", api.read("office", "/api/clinics/" + freshClinic));
            }
            assertThat(after).as(row + ": nothing changed, nothing published").isEqualTo(before);
        }
    }

    /** The confirmation link is its own credential: it works without a token, and a token changes nothing. */
    private void confirmationLinkRule(Row row) {
        String clinicId = pendingClinic();
        String link = linkFor(clinicId);
        MutableHttpRequest<?> request = row.method() == HttpMethod.GET ? HttpRequest.GET(link)
                : HttpRequest.POST(link, Map.of("decision", "DECLINE")).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        if (!"anonymous".equals(row.user())) {
            request.bearerAuth(TestOidc.get().token(row.user()));
        }
        int status;
        try {
            status = http.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            status = e.getStatus().getCode();
        }
        assertThat(status).as(row.toString()).isEqualTo(row.expected());
        String expected = row.method() == HttpMethod.GET ? "PENDING_CONFIRMATION" : "DECLINED";
        assertThat(api.read("office", "/api/clinics/" + clinicId)).as(row.toString()).containsEntry("status", expected);
    }

    // ---- contacts

    @Test
    @SuppressWarnings("unchecked")
    void aSlotsCoordinatorIsShownOnlyToCoordinatorsAndTheOffice() {
        for (String user : List.of("coordinator", "coordinator2", "office")) {
            assertThat((Map<String, Object>) api.read(user, "/api/clinic-slots/" + slotId).get("coordinator")).as(user)
                    .containsEntry("email", "coordinator@innoleap.example").containsEntry("name", "Clinic Coordinator");
            assertThat(items(user, "/api/clinic-slots?size=100")).as(user).isNotEmpty()
                    .allSatisfy(i -> assertThat(i).containsKey("coordinator"));
            assertThat(items(user, "/api/clinic-slots?available=true&size=100")).as(user).isNotEmpty()
                    .allSatisfy(i -> assertThat(i).containsKey("coordinator"));
        }
        for (String user : List.of("lta", "nea", "aurora", "sensetech")) {
            assertThat(api.read(user, "/api/clinic-slots/" + slotId)).as(user)
                    .doesNotContainKey("coordinator").containsEntry("id", slotId).containsKey("startsAt");
            assertThat(items(user, "/api/clinic-slots?size=100")).as(user).isNotEmpty()
                    .allSatisfy(i -> assertThat(i).doesNotContainKey("coordinator"));
            assertThat(items(user, "/api/clinic-slots?available=true&size=100")).as(user).isNotEmpty()
                    .allSatisfy(i -> assertThat(i).doesNotContainKey("coordinator"));
        }
    }

    @Test
    void workshopsAndSharingDaysCarryNoContactForAnyone() {
        for (String user : List.of("lta", "nea", "aurora", "coordinator", "office")) {
            for (String path : List.of("/api/workshops/" + workshopId, "/api/workshops?size=100",
                    "/api/sharing-days/" + sharingDayId, "/api/sharing-days?size=100")) {
                Map<String, Object> body = api.read(user, path);
                assertThat(keysOf(body)).as(user + " " + path).doesNotContain("contact", "contacts", "email", "coordinator");
                assertThat(body.toString()).as(user + " " + path).doesNotContain(ltaStatement.contact().email());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClinicShowsItsCoordinatorToThoseWhoMayReadItAndNoCompanyContacts() {
        for (String user : List.of("lta", "lta2", "coordinator", "office")) {
            Map<String, Object> clinic = api.read(user, "/api/clinics/" + ltaClinicId);
            assertThat((Map<String, Object>) clinic.get("coordinator")).as(user)
                    .containsEntry("email", "coordinator@innoleap.example");
            assertThat((List<Map<String, Object>>) clinic.get("linkedCompanies")).as(user).isNotEmpty()
                    .allSatisfy(c -> assertThat(c).doesNotContainKeys("contact", "email", "contactEmail"));
        }
    }

    // ---- helpers

    /** Everything a refused change must leave as it was. */
    private Map<String, Object> state(String freshSlot) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("outbox", outbox.count());
        s.put("workshops", api.total("/api/workshops"));
        s.put("sharingDays", api.total("/api/sharing-days"));
        s.put("slots", api.total("/api/clinic-slots"));
        s.put("ltaClinic", api.read("office", "/api/clinics/" + ltaClinicId));
        s.put("workshop", api.read("office", "/api/workshops/" + workshopId));
        s.put("sharingDay", api.read("office", "/api/sharing-days/" + sharingDayId));
        if (freshSlot != null) {
            s.put("freshSlot", api.read("office", "/api/clinic-slots/" + freshSlot));
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String user, String path) {
        return (List<Map<String, Object>>) api.read(user, path).get("items");
    }

    @SuppressWarnings("unchecked")
    private static List<String> keysOf(Object node) {
        List<String> keys = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                keys.add(String.valueOf(k));
                keys.addAll(keysOf(v));
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> keys.addAll(keysOf(v)));
        }
        return keys;
    }

    private Instant nextSlotStart() {
        return clock.instant().truncatedTo(ChronoUnit.DAYS).plus(20, ChronoUnit.DAYS).plus(slotNumber.getAndIncrement(), ChronoUnit.HOURS);
    }

    private LocalDate nextWorkshopDay() {
        return lastWorkshopDay.updateAndGet(this::nextWorkingDay);
    }

    private LocalDate nextSharingDay() {
        return lastSharingDay.updateAndGet(this::nextWorkingDay);
    }

    private LocalDate nextWorkingDay(LocalDate after) {
        LocalDate d = after.plusDays(1);
        while (!calendar.isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private String newSlotAsOffice() {
        return (String) api.create("office", "/api/clinic-slots",
                Bodies.slot("Pool Coordinator", "pool@coordinators.example", nextSlotStart(), 30)).get("id");
    }

    /** A clinic awaiting confirmation, in a slot of a coordinator of its own (so its mail is easy to find). */
    private String pendingClinic() {
        String coordinator = "link-" + UUID.randomUUID().toString().substring(0, 8) + "@coordinators.example";
        String slot = (String) api.create("office", "/api/clinic-slots",
                Bodies.slot("Link Coordinator", coordinator, nextSlotStart(), 30)).get("id");
        String clinic = (String) api.create("office", "/api/clinics", Bodies.clinic(ltaStatement.id(), slot)).get("id");
        pendingLinks.put(clinic, coordinator);
        return clinic;
    }

    private final Map<String, String> pendingLinks = new java.util.concurrent.ConcurrentHashMap<>();

    /** The path of the confirmation link mailed to the clinic's coordinator. */
    private String linkFor(String clinicId) {
        String coordinator = pendingLinks.get(clinicId);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !TestSmtp.get().messagesTo(coordinator).isEmpty());
        MimeMessage mail = TestSmtp.get().messagesTo(coordinator).get(0);
        Matcher m = LINK.matcher(MailParts.text(mail));
        assertThat(m.find()).as("a confirmation link in the mail").isTrue();
        return m.group(1);
    }
}
