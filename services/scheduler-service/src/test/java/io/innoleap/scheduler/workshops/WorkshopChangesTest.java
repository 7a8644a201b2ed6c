package io.innoleap.scheduler.workshops;

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
 * Rescheduling and cancelling a workshop over HTTP, through the real mail server and broker: every
 * invitee gets one mail per change whose .ics updates the invitation's event (same UID, SEQUENCE one
 * higher, METHOD:REQUEST or METHOD:CANCEL, times with TZID and a VTIMEZONE); WorkshopRescheduled and
 * WorkshopCancelled reach innoleap.bookings; refusals change and publish nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkshopChangesTest implements TestPropertyProvider {

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
    private String agencyEmail;
    private String providerEmail;
    private String workshopId;
    private String later;
    private String uid;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-workshop-changes").withSmtp().build();
    }

    @BeforeAll
    void seed() throws Exception {
        api = new Api(http);
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
        feed = new SnapshotFeed(json);
        ProblemStatementSnapshot statement = SnapshotFeed.statement(SnapshotFeed.unique("WC"), "environment",
                "Changes: flood sensors", Horizon.IMMEDIATE_OPERATIONAL, "environment");
        SolutionProfileSnapshot provider = SnapshotFeed.profile("Changes Hydrology " + SnapshotFeed.unique(""), "environment");
        feed.publish(provider);
        feed.publish(statement);
        feed.publish(SnapshotFeed.match(statement, provider, 0.9, "environment"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                readModel.matchesFor(List.of(statement.id())).get(statement.id()).size() == 1);
        feed.awaitKnown(readModel); // its statements and profiles too, not only the matches
        agencyEmail = statement.contact().email();
        providerEmail = provider.contact().email();

        workshopId = (String) api.create("office", "/api/workshops",
                Bodies.workshop("environment", LocalDate.parse("2027-03-03"), true)).get("id");
        for (String invitee : List.of(agencyEmail, providerEmail)) {
            VEvent invitation = event(awaitMail(invitee, "Invitation:"));
            assertThat(invitation.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("0");
            uid = invitation.getProperty("UID").orElseThrow().getValue();
        }
        assertThat(uid).isEqualTo("workshop-" + workshopId + "@localhost");
    }

    @AfterAll
    void close() {
        bookings.close();
        feed.closeAll();
        feed.close();
    }

    @Test
    @Order(1)
    void aRescheduleMailsEveryInviteeAnUpdateOfTheSameEventAndPublishesWorkshopRescheduled() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", 0);
        body.put("startsAt", "2027-03-04T14:00:00+08:00");
        body.put("venue", "Hall C, Block 79");
        Api.Answer moved = api.send("office", HttpMethod.PUT, "/api/workshops/" + workshopId, body, null);

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body()).containsEntry("version", 1).containsEntry("date", "2027-03-04")
                .containsEntry("startsAt", "2027-03-04T14:00:00+08:00").containsEntry("endsAt", "2027-03-04T16:00:00+08:00")
                .containsEntry("venue", "Hall C, Block 79").containsEntry("status", "SCHEDULED").containsEntry("durationMinutes", 120);
        assertThat(api.read("lta", "/api/workshops/" + workshopId)).isEqualTo(moved.body());

        for (String invitee : List.of(agencyEmail, providerEmail)) {
            MimeMessage mail = awaitMail(invitee, "Changed:");
            assertThat(MailParts.text(mail)).contains("Thu 4 Mar 2027, 14:00-16:00", "Hall C, Block 79",
                    "Was: Wed 3 Mar 2027, 09:30-11:30");
            Calendar ics = parse(ics(mail));
            assertThat(ics.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
            VEvent event = ics.<VEvent>getComponents("VEVENT").get(0);
            assertThat(event.getProperty("UID").orElseThrow().getValue()).isEqualTo(uid);
            assertThat(event.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("1");
            assertThat(event.getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow().getValue())
                    .isEqualTo("Asia/Singapore");
            assertThat(event.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20270304T140000");
            assertThat(ics.<net.fortuna.ical4j.model.component.VTimeZone>getComponents("VTIMEZONE")).singleElement().satisfies(tz ->
                    assertThat(tz.getProperty("TZID").orElseThrow().getValue()).isEqualTo("Asia/Singapore"));
            assertThat(event.getProperty("LOCATION").orElseThrow().getValue()).isEqualTo("Hall C, Block 79");
        }
        Map<String, Object> envelope = envelope(bookings.awaitKey(workshopId, 2).get(1));
        assertThat(envelope).containsEntry("type", "WorkshopRescheduled");
        assertThat(data(envelope)).containsEntry("version", 1).containsEntry("status", "SCHEDULED")
                .containsEntry("venue", "Hall C, Block 79");
    }

    @Test
    @Order(2)
    void staleVersionsHolidaysTheCadenceAndBadInputAreRefusedAndChangeNothing() throws Exception {
        // A second workshop ten weeks later makes a date close to it a cadence conflict.
        later = (String) api.create("office", "/api/workshops", Bodies.workshop("cloud", LocalDate.parse("2027-05-10"), true)).get("id");
        Map<String, Object> before = api.read("office", "/api/workshops/" + workshopId);
        long events = outbox.count();

        Api.Answer stale = put(0, "2027-03-05T09:30:00+08:00", null);
        assertThat(stale.status()).isEqualTo(409);
        assertThat((String) stale.body().get("detail")).contains("version 0", "current version is 1");

        Api.Answer holiday = put(1, "2027-03-26T09:30:00+08:00", true);
        assertThat(holiday.status()).isEqualTo(409);
        assertThat(holiday.body()).containsEntry("type", type("public-holiday"))
                .containsEntry("detail", "2027-03-26 is a public holiday in Singapore: Good Friday; nothing is booked on it");

        Api.Answer cadence = put(1, "2027-04-07T09:30:00+08:00", null);
        assertThat(cadence.status()).isEqualTo(409);
        assertThat(cadence.body()).containsEntry("type", type("cadence-violation"));

        Api.Answer empty = api.send("office", HttpMethod.PUT, "/api/workshops/" + workshopId, Map.of(), null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.fields()).containsExactlyInAnyOrder("version", "startsAt");

        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("version", 1);
        bad.put("startsAt", "next Thursday");
        bad.put("durationMinutes", 5);
        bad.put("venue", "Hall C\r\nBcc: someone@evil.example");
        Api.Answer invalid = api.send("office", HttpMethod.PUT, "/api/workshops/" + workshopId, bad, null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.fields()).containsExactlyInAnyOrder("startsAt", "durationMinutes", "venue");

        Api.Answer weekend = put(1, "2027-03-06T09:30:00+08:00", true);
        assertThat(weekend.status()).isEqualTo(400);
        assertThat(weekend.fields()).containsExactly("startsAt");

        assertThat(api.post("office", "/api/workshops/" + workshopId + "/cancel", Map.of()).fields()).containsExactly("reason");
        assertThat(api.post("office", "/api/workshops/" + workshopId + "/cancel", Map.of("reason", "Flood\nBcc: x"))
                .fields()).containsExactly("reason");
        assertThat(api.post("office", "/api/workshops/" + java.util.UUID.randomUUID() + "/cancel",
                Map.of("reason", "Unknown")).status()).isEqualTo(404);

        assertThat(api.read("office", "/api/workshops/" + workshopId)).isEqualTo(before);
        assertThat(outbox.count()).isEqualTo(events);

        // With the override the cadence gives way: version 2, and the workshop records the override.
        Api.Answer overridden = put(1, "2027-04-07T09:30:00+08:00", true);
        assertThat(overridden.status()).isEqualTo(200);
        assertThat(overridden.body()).containsEntry("version", 2).containsEntry("cadenceOverridden", true)
                .containsEntry("venue", "Hall C, Block 79");
        // Exactly two updates: none of the refused requests queued a mail.
        awaitMails(agencyEmail, "Changed:", 2);
    }

    @Test
    @Order(3)
    void aCancellationMailsEveryInviteeAMethodCancelAndPublishesWorkshopCancelled() throws Exception {
        Api.Answer cancelled = api.post("office", "/api/workshops/" + workshopId + "/cancel",
                Map.of("reason", "The hall is being renovated"));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body()).containsEntry("status", "CANCELLED").containsEntry("version", 3)
                .containsEntry("cancellationReason", "The hall is being renovated");
        for (String invitee : List.of(agencyEmail, providerEmail)) {
            MimeMessage mail = awaitMail(invitee, "Cancelled:");
            assertThat(MailParts.text(mail)).contains("is cancelled", "Reason: The hall is being renovated");
            Calendar ics = parse(ics(mail));
            assertThat(ics.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
            VEvent event = ics.<VEvent>getComponents("VEVENT").get(0);
            assertThat(event.getProperty("UID").orElseThrow().getValue()).isEqualTo(uid);
            assertThat(event.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("3");
            assertThat(event.getProperty("STATUS").orElseThrow().getValue()).isEqualTo("CANCELLED");
            assertThat(event.getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow().getValue())
                    .isEqualTo("Asia/Singapore");
        }
        List<ConsumerRecord<String, String>> records = bookings.awaitKey(workshopId, 4);
        Map<String, Object> envelope = envelope(records.get(3));
        assertThat(envelope).containsEntry("type", "WorkshopCancelled");
        assertThat(data(envelope)).containsEntry("status", "CANCELLED").containsEntry("version", 3)
                .containsEntry("cancellationReason", "The hall is being renovated");

        // Once cancelled: no second cancellation, no reschedule.
        long events = outbox.count();
        assertThat(api.post("office", "/api/workshops/" + workshopId + "/cancel", Map.of("reason", "Again")).status())
                .isEqualTo(409);
        assertThat(put(3, "2027-04-08T09:30:00+08:00", true).status()).isEqualTo(409);
        assertThat(outbox.count()).isEqualTo(events);
    }

    @Test
    @Order(4)
    void aCancelledWorkshopNoLongerCountsForTheCadence() {
        // 2027-04-08 is a day after the cancelled workshop and 32 days before the one of 2027-05-10:
        // only that one counts, and it is too close.
        assertThat(api.post("office", "/api/workshops", Bodies.workshop("education", LocalDate.parse("2027-04-08"), false))
                .body()).containsEntry("type", type("cadence-violation"));
        // 2027-03-08 is 63 days before it (and 4 days after where the cancelled one first was): fine.
        assertThat(api.create("office", "/api/workshops", Bodies.workshop("education", LocalDate.parse("2027-03-08"), false)))
                .containsEntry("cadenceOverridden", false);
        assertThat(later).isNotNull();
    }

    // ---- helpers

    private Api.Answer put(long version, String startsAt, Boolean override) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("startsAt", startsAt);
        if (override != null) {
            body.put("overrideCadence", override);
        }
        return api.send("office", HttpMethod.PUT, "/api/workshops/" + workshopId, body, null);
    }

    private static MimeMessage awaitMail(String to, String subjectPrefix) {
        return awaitMails(to, subjectPrefix, 1).get(0);
    }

    private static List<MimeMessage> awaitMails(String to, String subjectPrefix, int count) {
        List<MimeMessage> mails = Mailbox.await(to, subjectPrefix, count);
        assertThat(mails).as(subjectPrefix + " mails to " + to).hasSize(count);
        return mails;
    }

    private Map<String, Object> envelope(ConsumerRecord<String, String> record) throws Exception {
        return json.readValue(record.value(), Api.MAP);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> envelope) {
        return (Map<String, Object>) envelope.get("data");
    }
}
