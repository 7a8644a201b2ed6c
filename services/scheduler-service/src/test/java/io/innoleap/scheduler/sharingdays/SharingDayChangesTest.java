package io.innoleap.scheduler.sharingdays;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.Api;
import io.innoleap.scheduler.Bodies;
import io.innoleap.scheduler.notifications.Mailbox;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.readmodel.SnapshotFeed;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.MailParts;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.innoleap.scheduler.ProblemResponses.type;
import static io.innoleap.scheduler.notifications.MailFixtures.parse;
import static io.innoleap.scheduler.notifications.Mailbox.event;
import static io.innoleap.scheduler.notifications.Mailbox.ics;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sharing days after booking, over HTTP with the real mail server and broker: invitations on scheduling
 * (each presenter their own slot, the audience the day), one sharing day per venue and day, reschedule
 * and cancel as updates of the same calendar events, SharingDayRescheduled and SharingDayCancelled;
 * refusals change and publish nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharingDayChangesTest implements TestPropertyProvider {

    private static final LocalDate DAY = LocalDate.parse("2027-02-03");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    ReadModel readModel;
    @Inject
    OutboxRepository outbox;

    private Api api;
    private SnapshotFeed feed;
    private TopicProbe bookings;
    private String agency;
    private String audienceEmail;
    private SolutionProfileSnapshot first;
    private SolutionProfileSnapshot second;
    private String dayId;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-sharing-changes").withSmtp().build();
    }

    @BeforeAll
    void seed() {
        api = new Api(http);
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
        feed = new SnapshotFeed(json);
        agency = SnapshotFeed.unique("SD");
        ProblemStatementSnapshot statement = SnapshotFeed.statement(agency, "transport", "Sharing: kerbside deliveries",
                Horizon.IMMEDIATE_OPERATIONAL, "transport");
        first = SnapshotFeed.profile("Kerb First " + SnapshotFeed.unique(""), "transport");
        second = SnapshotFeed.profile("Kerb Second " + SnapshotFeed.unique(""), "transport");
        feed.publish(first);
        feed.publish(second);
        feed.publish(statement);
        feed.publish(SnapshotFeed.match(statement, first, 0.9, "transport"));
        feed.publish(SnapshotFeed.match(statement, second, 0.6, "transport"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                readModel.matchesFor(List.of(statement.id())).get(statement.id()).size() == 2
                        && readModel.providerContacts(List.of(first.id(), second.id())).size() == 2);
        feed.awaitKnown(readModel); // its statements and profiles too, not only the matches
        audienceEmail = statement.contact().email();
    }

    @AfterAll
    void close() {
        bookings.close();
        feed.closeAll();
        feed.close();
    }

    private Map<String, Object> sharingDay(LocalDate date, String venue) {
        Map<String, Object> body = Bodies.sharingDay("transport", List.of(agency), date);
        body.put("venue", venue);
        return body;
    }

    @Test
    @Order(1)
    void schedulingInvitesEachPresenterToTheirSlotAndTheAudienceToTheDay() throws Exception {
        Map<String, Object> day = api.create("office", "/api/sharing-days", sharingDay(DAY, "Hall A, Block 71"));
        dayId = (String) day.get("id");
        assertThat(day).containsEntry("venue", "Hall A, Block 71").containsEntry("version", 0);

        MimeMessage firstInvite = awaitMails(first.contact().email(), "Invitation to present:", 1).get(0);
        assertThat(MailParts.text(firstInvite)).contains("Your presentation: Wed 3 Feb 2027, 09:30-09:50",
                "Consultation with the agencies, after the last presentation: Wed 3 Feb 2027, 10:10-11:10",
                "Where: Hall A, Block 71", "09:50-10:10 " + second.organisation().name());
        VEvent slot = event(firstInvite);
        assertThat(slot.getProperty("UID").orElseThrow().getValue())
                .isEqualTo("sharing-day-" + dayId + "-presenter-" + first.id() + "@localhost");
        assertThat(slot.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20270203T093000");
        assertThat(slot.getProperty("DTEND").orElseThrow().getValue()).isEqualTo("20270203T095000");
        VEvent secondSlot = event(awaitMails(second.contact().email(), "Invitation to present:", 1).get(0));
        assertThat(secondSlot.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20270203T095000");

        VEvent whole = event(awaitMails(audienceEmail, "Invitation:", 1).get(0));
        assertThat(whole.getProperty("UID").orElseThrow().getValue()).isEqualTo("sharing-day-" + dayId + "@localhost");
        assertThat(whole.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20270203T093000");
        assertThat(whole.getProperty("DTEND").orElseThrow().getValue()).isEqualTo("20270203T111000");
    }

    @Test
    @Order(2)
    void oneSharingDayPerVenueAndDay() {
        long before = api.total("/api/sharing-days");
        Api.Answer taken = api.post("office", "/api/sharing-days", sharingDay(DAY, "hall a, block 71"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat((String) taken.body().get("detail")).contains("hall a, block 71", "2027-02-03");
        assertThat(api.total("/api/sharing-days")).isEqualTo(before);
        // The same presenters, later that day: 11:30-12:10 at Hall B does not overlap their 09:30-10:10 at Hall A.
        Map<String, Object> later = sharingDay(DAY, "Hall B");
        later.put("startTime", "11:30");
        assertThat(api.create("office", "/api/sharing-days", later)).containsEntry("venue", "Hall B");
    }

    @Test
    @Order(3)
    void aRescheduleMovesTheWholeAgendaAndUpdatesEveryonesEvent() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", 0);
        body.put("startTime", "13:30");
        Api.Answer moved = api.send("office", HttpMethod.PUT, "/api/sharing-days/" + dayId, body, null);

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body()).containsEntry("version", 1).containsEntry("startsAt", "2027-02-03T13:30:00+08:00")
                .containsEntry("endsAt", "2027-02-03T15:10:00+08:00").containsEntry("venue", "Hall A, Block 71");
        VEvent slot = event(awaitMails(first.contact().email(), "Changed:", 1).get(0));
        assertThat(slot.getProperty("UID").orElseThrow().getValue())
                .isEqualTo("sharing-day-" + dayId + "-presenter-" + first.id() + "@localhost");
        assertThat(slot.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("1");
        assertThat(slot.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20270203T133000");
        Calendar day = parse(ics(awaitMails(audienceEmail, "Changed:", 1).get(0)));
        assertThat(day.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        VEvent whole = day.<VEvent>getComponents("VEVENT").get(0);
        assertThat(whole.getProperty("UID").orElseThrow().getValue()).isEqualTo("sharing-day-" + dayId + "@localhost");
        assertThat(whole.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("1");
        assertThat(whole.getProperty("DTEND").orElseThrow().getValue()).isEqualTo("20270203T151000");

        List<ConsumerRecord<String, String>> records = bookings.awaitKey(dayId, 2);
        assertThat(json.readValue(records.get(1).value(), Api.MAP)).containsEntry("type", "SharingDayRescheduled");
    }

    @Test
    @Order(4)
    void aPresenterIsNeverGivenTwoSlotsThatOverlap() {
        // Hall A now: first 13:30-13:50, second 13:50-14:10. Hall B: first 11:30-11:50, second 11:50-12:10.
        Map<String, Object> clashing = sharingDay(DAY, "Hall C");
        clashing.put("startTime", "13:40");
        long before = api.total("/api/sharing-days");
        long events = outbox.count();
        Api.Answer allBusy = api.post("office", "/api/sharing-days", clashing);
        assertThat(allBusy.status()).isEqualTo(409);
        assertThat(allBusy.body()).containsEntry("type", type("no-matching-presenters"));
        assertThat((String) allBusy.body().get("detail")).contains("presents at another sharing day at that time");
        assertThat(api.total("/api/sharing-days")).isEqualTo(before);
        assertThat(outbox.count()).isEqualTo(events);

        // At 13:20 the first provider (13:20-13:40) would overlap its Hall A slot: the second takes the slot.
        clashing.put("startTime", "13:20");
        Map<String, Object> hallC = api.create("office", "/api/sharing-days", clashing);
        assertThat(presenters(hallC)).extracting(p -> p.get("solutionProfileId"), p -> p.get("startsAt"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(second.id().toString(), "2027-02-03T13:20:00+08:00"));

        // Moving Hall C to 13:40 would put the second provider in Hall A's 13:50 slot and Hall C's at once.
        String hallCId = (String) hallC.get("id");
        Map<String, Object> hallCBefore = api.read("office", "/api/sharing-days/" + hallCId);
        long eventsBefore = outbox.count();
        Api.Answer move = api.send("office", HttpMethod.PUT, "/api/sharing-days/" + hallCId,
                Map.of("version", 0, "startTime", "13:40"), null);
        assertThat(move.status()).isEqualTo(409);
        assertThat((String) move.body().get("detail")).contains(second.organisation().name(), "13:40 to 14:00",
                "sharing day " + dayId, "13:50 to 14:10", "never in two slots that overlap");
        assertThat(api.read("office", "/api/sharing-days/" + hallCId)).isEqualTo(hallCBefore)
                .containsEntry("version", 0).containsEntry("startsAt", "2027-02-03T13:20:00+08:00");
        assertThat(outbox.count()).isEqualTo(eventsBefore);
    }

    @Test
    @Order(5)
    void refusedReschedulesChangeNothing() {
        Map<String, Object> before = api.read("office", "/api/sharing-days/" + dayId);
        long events = outbox.count();

        assertThat(put(Map.of("version", 0, "startTime", "14:00")).status()).isEqualTo(409);
        Api.Answer venue = put(Map.of("version", 1, "venue", "HALL B"));
        assertThat(venue.status()).isEqualTo(409);
        assertThat((String) venue.body().get("detail")).contains("one sharing day per venue and day");
        Api.Answer holiday = put(Map.of("version", 1, "date", "2027-03-26"));
        assertThat(holiday.status()).isEqualTo(409);
        assertThat(holiday.body()).containsEntry("type", type("public-holiday"));
        assertThat((String) holiday.body().get("detail")).startsWith("2027-03-26 is a public holiday in Singapore: Good Friday");
        Api.Answer tooLate = put(Map.of("version", 1, "startTime", "17:00"));
        assertThat(tooLate.fields()).containsExactly("startTime");
        assertThat(put(Map.of()).fields()).containsExactly("version");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("version", 1);
        bad.put("date", "soon");
        bad.put("startTime", "25:00");
        bad.put("venue", "Hall\r\nBcc: x@evil.example");
        assertThat(put(bad).fields()).containsExactlyInAnyOrder("date", "startTime", "venue");
        assertThat(api.post("office", "/api/sharing-days/" + dayId + "/cancel", Map.of("reason", "")).fields())
                .containsExactly("reason");

        assertThat(api.read("office", "/api/sharing-days/" + dayId)).isEqualTo(before);
        assertThat(outbox.count()).isEqualTo(events);
    }

    @Test
    @Order(6)
    void aCancellationSendsMethodCancelToEveryoneAndFreesTheVenue() throws Exception {
        Api.Answer cancelled = api.post("office", "/api/sharing-days/" + dayId + "/cancel", Map.of("reason", "Hall A is flooded"));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body()).containsEntry("status", "CANCELLED").containsEntry("version", 2)
                .containsEntry("cancellationReason", "Hall A is flooded");
        for (MimeMessage mail : List.of(awaitMails(first.contact().email(), "Cancelled:", 1).get(0),
                awaitMails(second.contact().email(), "Cancelled:", 1).get(0), awaitMails(audienceEmail, "Cancelled:", 1).get(0))) {
            Calendar ics = parse(ics(mail));
            assertThat(ics.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
            VEvent event = ics.<VEvent>getComponents("VEVENT").get(0);
            assertThat(event.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("2");
            assertThat(event.getProperty("STATUS").orElseThrow().getValue()).isEqualTo("CANCELLED");
            assertThat(event.getProperty("UID").orElseThrow().getValue()).startsWith("sharing-day-" + dayId);
        }
        List<ConsumerRecord<String, String>> records = bookings.awaitKey(dayId, 3);
        assertThat(json.readValue(records.get(2).value(), Api.MAP)).containsEntry("type", "SharingDayCancelled");

        assertThat(api.post("office", "/api/sharing-days/" + dayId + "/cancel", Map.of("reason", "Again")).status()).isEqualTo(409);
        assertThat(api.create("office", "/api/sharing-days", sharingDay(DAY, "Hall A, Block 71"))).containsEntry("status", "SCHEDULED");
    }

    @Test
    @Order(7)
    void requestsThatRaceForOneDayNeverGiveAPresenterTwoSlotsAtOnce() throws Exception {
        LocalDate raceDay = LocalDate.parse("2027-02-10");
        int requests = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(requests);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Api.Answer>> answers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                Map<String, Object> body = sharingDay(raceDay, "Race Hall " + i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return api.post("office", "/api/sharing-days", body);
                }));
            }
            go.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Api.Answer> a : answers) {
                statuses.add(a.get(60, java.util.concurrent.TimeUnit.SECONDS).status());
            }
            // Two providers: the first day gives them 09:30 and 09:50, the second swaps them; at 09:30
            // both are then busy, so every further day is refused.
            assertThat(statuses).containsExactlyInAnyOrder(201, 201, 409, 409);
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> slots = new java.util.ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> days = (List<Map<String, Object>>) api.read("office", "/api/sharing-days?size=100").get("items");
        for (Map<String, Object> day : days) {
            if (raceDay.toString().equals(day.get("date")) && "SCHEDULED".equals(day.get("status"))) {
                slots.addAll(presenters(day));
            }
        }
        assertThat(slots).hasSize(4);
        for (Map<String, Object> a : slots) {
            for (Map<String, Object> b : slots) {
                if (a != b && a.get("solutionProfileId").equals(b.get("solutionProfileId"))) {
                    boolean overlap = java.time.OffsetDateTime.parse((String) a.get("startsAt"))
                            .isBefore(java.time.OffsetDateTime.parse((String) b.get("endsAt")))
                            && java.time.OffsetDateTime.parse((String) b.get("startsAt"))
                            .isBefore(java.time.OffsetDateTime.parse((String) a.get("endsAt")));
                    assertThat(overlap).as("%s and %s", a, b).isFalse();
                }
            }
        }
    }

    // ---- helpers

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> presenters(Map<String, Object> day) {
        return (List<Map<String, Object>>) day.get("presenters");
    }

    private Api.Answer put(Map<String, Object> body) {
        return api.send("office", HttpMethod.PUT, "/api/sharing-days/" + dayId, body, null);
    }

    private static List<MimeMessage> awaitMails(String to, String subjectPrefix, int count) {
        return Mailbox.await(to, subjectPrefix, count);
    }
}
