package io.innoleap.scheduler.clinics;

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
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.innoleap.scheduler.notifications.MailFixtures.parse;
import static io.innoleap.scheduler.notifications.Mailbox.event;
import static io.innoleap.scheduler.notifications.Mailbox.ics;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling clinics over HTTP with real tokens, mail server and broker: a confirmed clinic's
 * participants get a METHOD:CANCEL update of the invitation's event, the slot is free for a new
 * clinic, ClinicCancelled is published; a pending one's coordinator is told and its link no longer
 * confirms; other agencies and coordinators, bad input and second cancellations change nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicCancellationTest implements TestPropertyProvider {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+(/clinics/confirmations/[A-Za-z0-9_-]{43})");

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
    Clock clock;

    private Api api;
    private SnapshotFeed feed;
    private TopicProbe bookings;
    private ProblemStatementSnapshot statement;
    private String providerEmail;
    private final AtomicInteger slotNumber = new AtomicInteger();

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-clinic-cancel").withSmtp().build();
    }

    @BeforeAll
    void seed() {
        api = new Api(http);
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
        feed = new SnapshotFeed(json);
        statement = SnapshotFeed.statement("LTA", "transport", "Cancel me " + SnapshotFeed.unique(""),
                Horizon.IMMEDIATE_OPERATIONAL, "transport");
        SolutionProfileSnapshot provider = SnapshotFeed.profile("Cancel Mobility " + SnapshotFeed.unique(""), "transport");
        feed.publish(provider);
        feed.publish(statement);
        feed.publish(SnapshotFeed.match(statement, provider, 0.8, "transport"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                readModel.matchesFor(List.of(statement.id())).get(statement.id()).size() == 1);
        feed.awaitKnown(readModel); // its statements and profiles too, not only the matches
        providerEmail = provider.contact().email();
    }

    @AfterAll
    void close() {
        bookings.close();
        feed.closeAll();
        feed.close();
    }

    @Test
    void aConfirmedClinicCancelledByItsAgencyUpdatesTheParticipantsCalendarsAndFreesTheSlot() throws Exception {
        String slot = coordinatorsSlot();
        String clinic = (String) api.create("lta", "/api/clinics", Bodies.clinic(statement.id(), slot)).get("id");
        decide(clinic, "CONFIRM");
        String agencyEmail = statement.contact().email();
        VEvent invitation = event(awaitMail(agencyEmail, "Clinic confirmed", 1).get(0));
        awaitMail(providerEmail, "Clinic confirmed", 1);

        Api.Answer cancelled = api.post("lta", "/api/clinics/" + clinic + "/cancel", Map.of("reason", "The pilot was postponed"));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body()).containsEntry("status", "CANCELLED").containsEntry("holdsSlot", false)
                .containsEntry("cancellationReason", "The pilot was postponed");
        for (String participant : List.of(agencyEmail, providerEmail)) {
            MimeMessage mail = awaitMail(participant, "Cancelled:", 1).get(0);
            assertThat(MailParts.text(mail)).contains("Reason: The pilot was postponed");
            Calendar ics = parse(ics(mail));
            assertThat(ics.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
            VEvent event = ics.<VEvent>getComponents("VEVENT").get(0);
            assertThat(event.getProperty("UID").orElseThrow().getValue())
                    .isEqualTo(invitation.getProperty("UID").orElseThrow().getValue()).isEqualTo("clinic-" + clinic + "@localhost");
            assertThat(event.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("1");
            assertThat(invitation.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("0");
            assertThat(event.getProperty("STATUS").orElseThrow().getValue()).isEqualTo("CANCELLED");
            assertThat(event.getProperty("ORGANIZER").orElseThrow().getValue())
                    .isEqualTo(invitation.getProperty("ORGANIZER").orElseThrow().getValue());
        }
        // The coordinator is told too.
        assertThat(ics(awaitMail("coordinator@innoleap.example", "Cancelled:", clinicTitle() + "\", " + whenOf(clinic), 1).get(0))).contains("METHOD:CANCEL");

        var records = bookings.awaitKey(clinic, 3);
        assertThat(ClinicFixtures.eventType(json, records.get(2))).isEqualTo("ClinicCancelled");
        assertThat(ClinicFixtures.eventData(json, records.get(2))).containsEntry("status", "CANCELLED")
                .containsEntry("cancellationReason", "The pilot was postponed");

        // The slot is free again: another clinic can book it.
        assertThat(api.create("office", "/api/clinics", Bodies.clinic(statement.id(), slot)))
                .containsEntry("status", "PENDING_CONFIRMATION").containsEntry("slotId", slot);
    }

    @Test
    void aPendingClinicCancelledByItsCoordinatorTellsThemAndItsLinkNoLongerConfirms() {
        String slot = coordinatorsSlot();
        String clinic = (String) api.create("lta", "/api/clinics", Bodies.clinic(statement.id(), slot)).get("id");
        String link = linkFor(clinic);

        Api.Answer cancelled = api.post("coordinator", "/api/clinics/" + clinic + "/cancel", Map.of("reason", "Double-booked"));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body()).containsEntry("status", "CANCELLED");
        MimeMessage notice = awaitMail("coordinator@innoleap.example", "Cancelled:", clinicTitle() + "\", " + whenOf(clinic), 1).get(0);
        assertThat(MailParts.text(notice)).contains("Reason: Double-booked");
        assertThat(MailParts.of(notice)).noneMatch(p -> p.fileName() != null && p.fileName().endsWith(".ics"));

        int status;
        try {
            status = http.toBlocking().exchange(HttpRequest.POST(link, Map.of("decision", "CONFIRM"))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            status = e.getStatus().getCode();
        }
        assertThat(status).isGreaterThanOrEqualTo(400);
        assertThat(api.read("office", "/api/clinics/" + clinic)).containsEntry("status", "CANCELLED");
        assertThat(bookings.awaitKey(clinic, 2)).extracting(r -> ClinicFixtures.eventType(json, r))
                .containsExactly("ClinicRequested", "ClinicCancelled");
    }

    @Test
    void othersBadInputAndSecondCancellationsChangeNothing() {
        String clinic = (String) api.create("lta", "/api/clinics", Bodies.clinic(statement.id(), coordinatorsSlot())).get("id");
        Map<String, Object> before = api.read("office", "/api/clinics/" + clinic);
        long events = outbox.count();

        assertThat(api.post("nea", "/api/clinics/" + clinic + "/cancel", Map.of("reason", "Not mine")).status()).isEqualTo(404);
        assertThat(api.post("coordinator2", "/api/clinics/" + clinic + "/cancel", Map.of("reason", "Not mine")).status())
                .isEqualTo(404);
        assertThat(api.post("aurora", "/api/clinics/" + clinic + "/cancel", Map.of("reason", "Not mine")).status()).isEqualTo(403);
        Api.Answer empty = api.post("lta", "/api/clinics/" + clinic + "/cancel", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.fields()).containsExactly("reason");
        Api.Answer twoLines = api.post("lta", "/api/clinics/" + clinic + "/cancel", Map.of("reason", "One\r\nBcc: x@evil.example"));
        assertThat(twoLines.fields()).containsExactly("reason");
        assertThat(api.post("lta", "/api/clinics/" + java.util.UUID.randomUUID() + "/cancel", Map.of("reason", "?")).status())
                .isEqualTo(404);
        assertThat(api.read("office", "/api/clinics/" + clinic)).isEqualTo(before);
        assertThat(outbox.count()).isEqualTo(events);

        assertThat(api.post("office", "/api/clinics/" + clinic + "/cancel", Map.of("reason", "Office")).status()).isEqualTo(200);
        long afterCancel = outbox.count();
        Api.Answer again = api.post("lta", "/api/clinics/" + clinic + "/cancel", Map.of("reason", "Again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat((String) again.body().get("detail")).contains("CANCELLED");
        assertThat(outbox.count()).isEqualTo(afterCancel);
    }

    // ---- helpers

    private String clinicTitle() {
        return statement.title();
    }

    private String coordinatorsSlot() {
        Instant start = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(26, ChronoUnit.DAYS)
                .plus(slotNumber.getAndIncrement(), ChronoUnit.HOURS);
        return (String) api.create("coordinator", "/api/clinic-slots", Bodies.slot(null, null, start, 30)).get("id");
    }

    /** The clinic's time as mail subjects show it: tells this class's clinics (one title) apart. */
    private String whenOf(String clinicId) {
        Instant startsAt = Instant.parse(String.valueOf(api.read("office", "/api/clinics/" + clinicId).get("startsAt")));
        return new io.innoleap.scheduler.programme.ProgrammeTime(java.time.ZoneId.of("Asia/Singapore"))
                .range(startsAt, startsAt.plus(30, ChronoUnit.MINUTES));
    }

    private String linkFor(String clinicId) {
        MimeMessage mail = awaitMail("coordinator@innoleap.example", "Please confirm", clinicTitle() + "\", " + whenOf(clinicId), 1).get(0);
        Matcher m = LINK.matcher(MailParts.text(mail));
        assertThat(m.find()).as("a confirmation link").isTrue();
        return m.group(1);
    }

    private void decide(String clinicId, String decision) {
        String link = linkFor(clinicId);
        http.toBlocking().exchange(HttpRequest.POST(link, Map.of("decision", decision))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class);
        assertThat(api.read("office", "/api/clinics/" + clinicId)).containsEntry("status", "CONFIRMED");
    }

    private List<MimeMessage> awaitMail(String to, String subjectPrefix, int count) {
        return awaitMail(to, subjectPrefix, clinicTitle(), count);
    }

    private static List<MimeMessage> awaitMail(String to, String subjectPrefix, String subjectPart, int count) {
        return Mailbox.await(to, subjectPrefix, count, subjectPart);
    }
}
