package io.innoleap.scheduler.clinics;

import io.innoleap.scheduler.clinics.store.ClinicRepositories;

import io.innoleap.contracts.topics.Topics;
import io.innoleap.testkit.MailParts;
import io.innoleap.testkit.MailParts.MailPart;
import io.innoleap.scheduler.clinics.ClinicFixtures.Seeded;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.servicekit.outbox.OutboxRelay;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.innoleap.scheduler.clinics.ClinicFixtures.clinicJson;
import static io.innoleap.scheduler.clinics.ClinicFixtures.slotJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The confirmation link from the coordinator's email, over real HTTP: GET/HEAD change nothing,
 * confirm and decline (events, emails, .ics), used/forged/malformed tokens, racing answers, a
 * person following the link, and no token in the logs.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicConfirmationTest implements TestPropertyProvider {

    private static final int PORT = ClinicFixtures.freePort();
    private static final String BASE_URL = "http://localhost:" + PORT;

    @Inject
    JsonMapper json;
    @Inject
    Clock clock;
    @Inject
    ReadModel readModel;
    @Inject
    ClinicRepositories.ConfirmationTokenRepository tokenRepository;
    @Inject
    OutboxRelay relay;

    private TopicProbe bookings;
    private Seeded seeded;
    private final AtomicInteger day = new AtomicInteger(5);
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-clinic-confirm").withSmtp()
                .with("micronaut.server.port", Integer.toString(PORT))
                .with("innoleap.scheduler.public-base-url", BASE_URL)
                .build();
    }

    @BeforeAll
    void setUp() {
        // Everything the service logs from here on (logback's console appender writes to System.out/err).
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
        seeded = ClinicFixtures.seed(json, readModel, "conf", 3);
    }

    @AfterAll
    void tearDown() {
        // Other test classes read the same topics: leave no OPEN statement behind to skew their demand.
        ClinicFixtures.close(json, readModel, seeded);
        System.setOut(originalOut);
        System.setErr(originalErr);
        bookings.close();
    }

    private record Pending(String clinicId, String slotId, String coordinatorEmail, String link, String token, Instant startsAt) {
    }

    /** A new slot and clinic; returns the link from the coordinator's email. */
    private Pending pendingClinic() {
        String coordinator = "coord-" + UUID.randomUUID().toString().substring(0, 8) + "@coordinators.example";
        Instant start = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(day.getAndIncrement(), ChronoUnit.DAYS);
        HttpResponse<String> slot = post("/api/clinic-slots", slotJson("Coordinator Ong", coordinator, start, 60), "application/json");
        assertThat(slot.statusCode()).as(slot.body()).isEqualTo(201);
        String slotId = (String) ClinicFixtures.json(json, slot).get("id");
        HttpResponse<String> clinic = post("/api/clinics", clinicJson(seeded.problemId(), slotId), "application/json");
        assertThat(clinic.statusCode()).as(clinic.body()).isEqualTo(201);
        String clinicId = (String) ClinicFixtures.json(json, clinic).get("id");
        String link = ClinicFixtures.link(ClinicFixtures.awaitMail(coordinator, "Please confirm"));
        assertThat(link).startsWith(BASE_URL + "/clinics/confirmations/");
        String token = link.substring(link.lastIndexOf('/') + 1);
        issuedTokens.add(token);
        return new Pending(clinicId, slotId, coordinator, link, token, start);
    }

    private HttpResponse<String> post(String path, String body, String contentType) {
        return ClinicFixtures.send("POST", URI.create(BASE_URL + path), body, contentType);
    }

    private HttpResponse<String> decide(String link, String decision) {
        return ClinicFixtures.send("POST", URI.create(link), "decision=" + decision, "application/x-www-form-urlencoded");
    }

    private Map<String, Object> clinic(String id) {
        return ClinicFixtures.json(json, ClinicFixtures.send("GET", URI.create(BASE_URL + "/api/clinics/" + id), null, null));
    }

    private Map<String, Object> slot(String id) {
        return ClinicFixtures.json(json, ClinicFixtures.send("GET", URI.create(BASE_URL + "/api/clinic-slots/" + id), null, null));
    }

    private List<String> eventTypes(String clinicId) {
        return bookings.recordsWithKey(clinicId).stream().map(r -> ClinicFixtures.eventType(json, r)).toList();
    }

    private void awaitQuiet() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> relay.backlog() == 0);
    }

    /** The parts of the mail to {@code to} that carries the named .ics, or null. */
    private static List<MailPart> invitation(String to, String icsName) {
        return ClinicFixtures.mailsTo(to, "Clinic confirmed").stream().map(MailParts::of)
                .filter(parts -> parts.stream().anyMatch(x -> icsName.equals(x.fileName()))).findFirst().orElse(null);
    }

    private static void assertPageHeaders(HttpResponse<?> r) {
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }

    @Test
    void getAndHeadTenTimesEachChangeNothing() {
        Pending p = pendingClinic();
        bookings.awaitKey(p.clinicId(), 1);
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> page = ClinicFixtures.send("GET", URI.create(p.link()), null, null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertPageHeaders(page);
            assertThat(page.body()).contains("name=\"decision\" value=\"CONFIRM\"").contains("value=\"DECLINE\"")
                    .contains(seeded.title().replace("(", "(").substring(0, 20));
            HttpResponse<String> head = ClinicFixtures.send("HEAD", URI.create(p.link()), null, null);
            assertThat(head.statusCode()).isEqualTo(200);
            assertPageHeaders(head);
            assertThat(head.body()).isEmpty();
        }
        assertThat(clinic(p.clinicId())).containsEntry("status", "PENDING_CONFIRMATION").containsEntry("version", 0);
        assertThat(tokenRepository.findById(io.innoleap.scheduler.clinics.domain.ConfirmationTokens.hash(p.token())).orElseThrow().usedAt()).isNull();
        awaitQuiet();
        assertThat(eventTypes(p.clinicId())).containsExactly("ClinicRequested");
        // ...and the link still works afterwards.
        assertThat(decide(p.link(), "CONFIRM").statusCode()).isEqualTo(200);
    }

    @Test
    void confirmSendsInvitationsWithAnIcsToTheAgencyAndCompaniesAndPublishesClinicConfirmed() throws Exception {
        Pending p = pendingClinic();
        HttpResponse<String> done = decide(p.link(), "CONFIRM");
        assertThat(done.statusCode()).isEqualTo(200);
        assertPageHeaders(done);
        assertThat(done.body()).contains("Clinic confirmed");
        assertThat(clinic(p.clinicId())).containsEntry("status", "CONFIRMED").containsEntry("version", 1)
                .containsEntry("holdsSlot", true);
        assertThat(slot(p.slotId())).containsEntry("available", false);

        List<ConsumerRecord<String, String>> events = bookings.awaitKey(p.clinicId(), 2);
        assertThat(events).extracting(r -> ClinicFixtures.eventType(json, r)).containsExactly("ClinicRequested", "ClinicConfirmed");
        assertThat(ClinicFixtures.eventData(json, events.get(1))).containsEntry("status", "CONFIRMED").containsEntry("version", 1);

        List<String> recipients = new ArrayList<>(seeded.companyEmails());
        recipients.add(seeded.agencyContactEmail());
        // In the venue's zone, named: the invitation shows the local time in every calendar.
        String dtstart = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(java.time.ZoneId.of("Asia/Singapore"))
                .format(p.startsAt());
        for (String to : recipients) {
            String icsName = "clinic-" + p.clinicId() + ".ics";
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> invitation(to, icsName) != null);
            List<MailPart> parts = invitation(to, icsName);
            assertThat(parts).anyMatch(x -> x.contentType().toLowerCase().startsWith("text/plain"));
            assertThat(parts).anyMatch(x -> x.contentType().toLowerCase().startsWith("text/html"));
            MailPart ics = parts.stream().filter(x -> x.contentType().toLowerCase().startsWith("text/calendar")).findFirst().orElseThrow();
            assertThat(ics.contentType().toLowerCase()).contains("method=request");
            assertThat(ics.fileName()).isEqualTo("clinic-" + p.clinicId() + ".ics");
            Calendar calendar = new CalendarBuilder().build(new StringReader(ics.content()));
            assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
            VEvent event = (VEvent) calendar.getComponents("VEVENT").get(0);
            assertThat(event.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo(dtstart);
            assertThat(event.getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow().getValue())
                    .isEqualTo("Asia/Singapore");
            assertThat(event.getProperty("ORGANIZER").orElseThrow().getValue()).containsIgnoringCase("mailto:" + p.coordinatorEmail());
            List<String> attendees = event.getProperties("ATTENDEE").stream().map(a -> a.getValue().toLowerCase()).toList();
            assertThat(attendees).containsAll(recipients.stream().map(e -> "mailto:" + e.toLowerCase()).toList());
        }
        // The token is spent: reuse is a 410 page and changes nothing.
        HttpResponse<String> reuse = decide(p.link(), "DECLINE");
        assertThat(reuse.statusCode()).isEqualTo(410);
        assertPageHeaders(reuse);
        assertThat(ClinicFixtures.send("GET", URI.create(p.link()), null, null).statusCode()).isEqualTo(410);
        assertThat(clinic(p.clinicId())).containsEntry("status", "CONFIRMED").containsEntry("version", 1);
        awaitQuiet();
        assertThat(eventTypes(p.clinicId())).containsExactly("ClinicRequested", "ClinicConfirmed");
    }

    @Test
    void declineFreesTheSlotTellsTheAgencyAndPublishesClinicDeclined() {
        Pending p = pendingClinic();
        HttpResponse<String> done = decide(p.link(), "DECLINE");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Clinic declined");
        assertThat(clinic(p.clinicId())).containsEntry("status", "DECLINED").containsEntry("holdsSlot", false);
        assertThat(slot(p.slotId())).containsEntry("available", true);
        List<ConsumerRecord<String, String>> events = bookings.awaitKey(p.clinicId(), 2);
        assertThat(ClinicFixtures.eventType(json, events.get(1))).isEqualTo("ClinicDeclined");
        MimeMessage told = ClinicFixtures.awaitMail(seeded.agencyContactEmail(), "Clinic not confirmed");
        assertThat(ClinicFixtures.text(told)).contains(seeded.title());
        assertThat(ClinicFixtures.mailsTo(seeded.companyEmails().get(0), "Clinic not confirmed")).isEmpty();
        assertThat(decide(p.link(), "CONFIRM").statusCode()).isEqualTo(410);
        assertThat(clinic(p.clinicId())).containsEntry("status", "DECLINED");
        // The freed slot can be booked again.
        assertThat(post("/api/clinics", clinicJson(seeded.problemId(), p.slotId()), "application/json").statusCode()).isEqualTo(201);
    }

    @Test
    void forgedMalformedAndUnknownTokensAre404AndChangeNothing() {
        Pending p = pendingClinic();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String almost = p.token().substring(0, 42) + (p.token().endsWith("A") ? "B" : "A");
        for (String t : List.of(forged, almost, "abc", p.token() + "x")) {
            URI uri = URI.create(BASE_URL + "/clinics/confirmations/" + t);
            HttpResponse<String> get = ClinicFixtures.send("GET", uri, null, null);
            assertThat(get.statusCode()).isEqualTo(404);
            assertPageHeaders(get);
            assertThat(get.body()).doesNotContain(seeded.title());
            assertThat(ClinicFixtures.send("POST", uri, "decision=CONFIRM", "application/x-www-form-urlencoded").statusCode()).isEqualTo(404);
        }
        HttpResponse<String> badDecision = decide(p.link(), "MAYBE");
        assertThat(badDecision.statusCode()).isEqualTo(400);
        assertThat(ClinicFixtures.send("POST", URI.create(p.link()), "", "application/x-www-form-urlencoded").statusCode()).isEqualTo(400);
        assertThat(clinic(p.clinicId())).containsEntry("status", "PENDING_CONFIRMATION").containsEntry("version", 0);
        assertThat(decide(p.link(), "CONFIRM").statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentAnswersOnOneLinkHaveOneWinner() throws Exception {
        Pending p = pendingClinic();
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String decision = i % 2 == 0 ? "CONFIRM" : "DECLINE";
                futures.add(pool.submit(() -> {
                    go.await();
                    return decide(p.link(), decision).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        assertThat(statuses.stream().filter(s -> s == 410).count()).isEqualTo(n - 1);
        assertThat(clinic(p.clinicId())).containsEntry("version", 1);
        bookings.awaitKey(p.clinicId(), 2);
        awaitQuiet();
        assertThat(eventTypes(p.clinicId())).hasSize(2);
    }

    @Test
    void aPersonFollowingTheLinkInTheEmailConfirmsTheClinic() {
        Pending p = pendingClinic();
        // 1. Open the link from the mail.
        HttpResponse<String> page = ClinicFixtures.send("GET", URI.create(p.link()), null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        // 2. Find the form and the Confirm button in the HTML, as a browser would.
        Matcher form = Pattern.compile("<form\\s+[^>]*method=\"post\"[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE)
                .matcher(page.body());
        assertThat(form.find()).as("a POST form").isTrue();
        Matcher confirm = Pattern.compile("<button[^>]*name=\"([^\"]+)\"[^>]*value=\"(CONFIRM)\"[^>]*>\\s*Confirm\\s*</button>")
                .matcher(page.body());
        assertThat(confirm.find()).as("a Confirm button").isTrue();
        URI action = URI.create(p.link()).resolve(form.group(1).replace("&amp;", "&"));
        String body = URLEncoder.encode(confirm.group(1), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(confirm.group(2), StandardCharsets.UTF_8);
        // 3. Press it: the browser posts the form, form-encoded, to the action.
        HttpResponse<String> result = ClinicFixtures.send("POST", action, body, "application/x-www-form-urlencoded");
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).contains("Clinic confirmed");
        assertThat(clinic(p.clinicId())).containsEntry("status", "CONFIRMED");
    }

    @Test
    void tokensNeverAppearInTheLogs() {
        Pending p = pendingClinic();
        ClinicFixtures.send("GET", URI.create(p.link()), null, null);
        decide(p.link(), "NOPE");
        decide(p.link(), "CONFIRM");
        decide(p.link(), "CONFIRM");
        ClinicFixtures.send("GET", URI.create(BASE_URL + "/clinics/confirmations/" + p.token() + "x"), null, null);
        bookings.awaitKey(p.clinicId(), 2);
        awaitQuiet();
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("the capture sees the service's logs").contains("Clinic " + p.clinicId() + " answered via its confirmation link");
        for (String token : issuedTokens) {
            assertThat(logs).doesNotContain(token);
            assertThat(logs).doesNotContain(token.substring(0, 20));
        }
    }

    /** Copies writes to the original stream and a buffer. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final ByteArrayOutputStream b;

        Tee(OutputStream a, ByteArrayOutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) {
            try {
                a.write(c);
            } catch (java.io.IOException ignored) {
                // the console is best effort
            }
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            try {
                a.write(buf, off, len);
            } catch (java.io.IOException ignored) {
                // the console is best effort
            }
            synchronized (b) {
                b.write(buf, off, len);
            }
        }
    }
}
