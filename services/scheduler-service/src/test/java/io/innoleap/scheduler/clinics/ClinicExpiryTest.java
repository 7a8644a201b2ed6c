package io.innoleap.scheduler.clinics;

import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.clinics.ClinicFixtures.Seeded;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestClock;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.innoleap.scheduler.clinics.ClinicFixtures.clinicJson;
import static io.innoleap.scheduler.clinics.ClinicFixtures.slotJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiry: the test moves the service's clock (never sleeps) past the link's 72 hours; the link
 * then answers 410 and changes nothing, and the scheduled job expires the clinic, frees the slot,
 * publishes ClinicExpired and tells the agency. A clinic confirmed in time is left alone.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicExpiryTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ReadModel readModel;
    @Inject
    TestClock clock;

    private TopicProbe bookings;
    private Seeded seeded;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-clinic-expiry").withSmtp()
                .with("innoleap.scheduler.clinic-expiry-interval", "1s")
                .with("innoleap.scheduler.clinic-expiry-initial-delay", "1s")
                .build();
    }

    @BeforeAll
    void setUp() {
        bookings = TopicProbe.of(Topics.BOOKINGS_NAME);
        seeded = ClinicFixtures.seed(json, readModel, "exp", 2);
    }

    @AfterAll
    void tearDown() {
        // Other test classes read the same topics: leave no OPEN statement behind to skew their demand.
        ClinicFixtures.close(json, readModel, seeded);
        bookings.close();
    }

    private HttpResponse<String> send(String method, String pathOrUrl, String body, String type) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : server.getURI().resolve(pathOrUrl);
        return ClinicFixtures.send(method, uri, body, type);
    }

    private record Booked(String clinicId, String slotId, String link, Map<String, Object> clinic) {
    }

    private Booked book(Instant start) {
        String coordinator = "exp-" + UUID.randomUUID().toString().substring(0, 8) + "@coordinators.example";
        HttpResponse<String> slot = send("POST", "/api/clinic-slots", slotJson("Coordinator Goh", coordinator, start, 30), "application/json");
        assertThat(slot.statusCode()).as(slot.body()).isEqualTo(201);
        String slotId = (String) ClinicFixtures.json(json, slot).get("id");
        HttpResponse<String> clinic = send("POST", "/api/clinics", clinicJson(seeded.problemId(), slotId), "application/json");
        assertThat(clinic.statusCode()).as(clinic.body()).isEqualTo(201);
        Map<String, Object> body = ClinicFixtures.json(json, clinic);
        String link = ClinicFixtures.link(ClinicFixtures.awaitMail(coordinator, "Please confirm"));
        return new Booked((String) body.get("id"), slotId, server.getURI().resolve(URI.create(link).getPath()).toString(), body);
    }

    private Map<String, Object> get(String path) {
        return ClinicFixtures.json(json, send("GET", path, null, null));
    }

    @Test
    void anUnansweredLinkExpiresAfter72HoursAndTheJobReleasesTheSlot() {
        Instant now = clock.instant();
        Booked expiring = book(now.truncatedTo(ChronoUnit.HOURS).plus(10, ChronoUnit.DAYS));
        Booked soon = book(now.truncatedTo(ChronoUnit.HOURS).plus(5, ChronoUnit.HOURS));
        Booked confirmed = book(now.truncatedTo(ChronoUnit.HOURS).plus(11, ChronoUnit.DAYS));
        // A link never outlives the clinic's start.
        assertThat(soon.clinic().get("confirmationExpiresAt")).isEqualTo(soon.clinic().get("startsAt"));
        assertThat(send("POST", confirmed.link(), "decision=CONFIRM", "application/x-www-form-urlencoded").statusCode()).isEqualTo(200);
        assertThat(get("/api/clinics/" + expiring.clinicId())).containsEntry("status", "PENDING_CONFIRMATION");

        clock.advance(Duration.ofHours(72).plusMinutes(1));

        HttpResponse<String> page = send("GET", expiring.link(), null, null);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(send("POST", expiring.link(), "decision=CONFIRM", "application/x-www-form-urlencoded").statusCode()).isEqualTo(410);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "EXPIRED".equals(get("/api/clinics/" + expiring.clinicId()).get("status"))
                        && "EXPIRED".equals(get("/api/clinics/" + soon.clinicId()).get("status")));
        assertThat(get("/api/clinics/" + expiring.clinicId())).containsEntry("holdsSlot", false).containsEntry("version", 1);
        assertThat(get("/api/clinic-slots/" + expiring.slotId())).containsEntry("available", true);
        assertThat(get("/api/clinics/" + confirmed.clinicId())).containsEntry("status", "CONFIRMED");
        assertThat(get("/api/clinic-slots/" + confirmed.slotId())).containsEntry("available", false);

        assertThat(bookings.awaitKey(expiring.clinicId(), 2)).extracting(r -> ClinicFixtures.eventType(json, r))
                .containsExactly("ClinicRequested", "ClinicExpired");
        assertThat(ClinicFixtures.eventData(json, bookings.recordsWithKey(expiring.clinicId()).get(1)))
                .containsEntry("status", "EXPIRED");
        assertThat(bookings.awaitKey(soon.clinicId(), 2)).hasSize(2);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                ClinicFixtures.mailsTo(seeded.agencyContactEmail(), "Clinic request expired").size() >= 2);

        // Still 410 after the job ran; and the freed slot can be booked again.
        assertThat(send("GET", expiring.link(), null, null).statusCode()).isEqualTo(410);
        assertThat(send("POST", "/api/clinics", clinicJson(seeded.problemId(), expiring.slotId()), "application/json").statusCode())
                .isEqualTo(201);
        assertThat(bookings.recordsWithKey(confirmed.clinicId())).extracting(r -> ClinicFixtures.eventType(json, r))
                .doesNotContain("ClinicExpired");
    }
}
