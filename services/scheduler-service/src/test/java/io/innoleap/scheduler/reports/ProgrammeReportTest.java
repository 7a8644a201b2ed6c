package io.innoleap.scheduler.reports;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.scheduler.Api;
import io.innoleap.scheduler.Bodies;
import io.innoleap.scheduler.clinics.ClinicFixtures;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.readmodel.SnapshotFeed;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestClock;
import io.innoleap.testkit.TestOidc;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programme report over a scripted history (its own database): statements posted in January 2027
 * on transport and education, matches, clinics requested and confirmed through the API and the
 * coordinator's link, one statement piloting, workshops and a sharing day held, cancelled or still
 * to come; then the clock moves to 1 Feb 2027 and the figures are checked exactly, as JSON and CSV.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeReportTest implements TestPropertyProvider {

    private static final ZoneId SGT = ZoneId.of("Asia/Singapore");
    private static final String REPORT = "/api/programme/report?from=2027-01-01&to=2027-12-31";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    ReadModel readModel;
    @Inject
    TestClock clock;

    private Api api;
    private SnapshotFeed feed;
    private final List<ProblemStatementSnapshot> statements = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-report").withSmtp().build();
    }

    @BeforeAll
    void script() {
        api = new Api(http);
        feed = new SnapshotFeed(json);
        String agency = SnapshotFeed.unique("RPT");
        SolutionProfileSnapshot provider = SnapshotFeed.profile("Report Mobility " + SnapshotFeed.unique(""), "transport", "education");
        feed.publish(provider);
        // S1 (transport + education), S2 and S3 (transport) are matched; S4 (education) is not; S5 was
        // posted in December 2026, before the period.
        ProblemStatementSnapshot s1 = posted(agency, "S1", "2027-01-04T10:00", "transport", "education");
        ProblemStatementSnapshot s2 = posted(agency, "S2", "2027-01-06T23:30", "transport");
        ProblemStatementSnapshot s3 = posted(agency, "S3", "2027-01-07T09:00", "transport");
        ProblemStatementSnapshot s4 = posted(agency, "S4", "2027-01-08T09:00", "education");
        ProblemStatementSnapshot s5 = posted(agency, "S5", "2026-12-20T09:00", "transport");
        for (ProblemStatementSnapshot s : List.of(s1, s2, s3, s4, s5)) {
            feed.publish(s);
            statements.add(s);
        }
        feed.publish(SnapshotFeed.match(s1, provider, 0.8, "transport", "education"));
        for (ProblemStatementSnapshot s : List.of(s2, s3, s5)) {
            feed.publish(SnapshotFeed.match(s, provider, 0.8, "transport"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                statements.stream().allMatch(s -> readModel.problemStatement(s.id()).isPresent())
                        && readModel.matchesFor(List.of(s1.id(), s2.id(), s3.id(), s5.id())).values().stream()
                        .allMatch(m -> m.size() == 1));

        // Clinics: S1 confirmed on Thu 14 Jan (10 days after posting), S2 confirmed on Wed 20 Jan (14 days
        // after its posting day in Singapore), S3 requested and never confirmed, S5 confirmed (outside the period).
        confirmedClinic(s1, "2027-01-14T10:00");
        confirmedClinic(s2, "2027-01-20T10:00");
        clinic(s3, "2027-01-21T10:00");
        confirmedClinic(s5, "2027-01-22T10:00");

        // A sharing day on education on Fri 15 Jan (held), planned while S1 is still open: its provider presents.
        api.create("office", "/api/sharing-days", Bodies.sharingDay("education", List.of(agency), LocalDate.parse("2027-01-15")));

        // S1 moves on to a pilot; S2 is closed (still counted: it was posted in the period).
        publishAgain(s1, ProblemStatementStatus.PILOTING);
        publishAgain(s2, ProblemStatementStatus.CLOSED);

        // Workshops: transport on Tue 12 Jan (held), transport on Wed 13 Jan (cancelled), education on
        // Tue 16 Mar (after "now").
        api.create("office", "/api/workshops", Bodies.workshop("transport", LocalDate.parse("2027-01-12"), true));
        String cancelled = (String) api.create("office", "/api/workshops",
                Bodies.workshop("transport", LocalDate.parse("2027-01-13"), true)).get("id");
        assertThat(api.post("office", "/api/workshops/" + cancelled + "/cancel", Bodies.cancel("No room")).status()).isEqualTo(200);
        api.create("office", "/api/workshops", Bodies.workshop("education", LocalDate.parse("2027-03-16"), true));

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                readModel.problemStatement(s1.id()).map(p -> p.status().equals("PILOTING")).orElse(false)
                        && readModel.problemStatement(s2.id()).map(p -> p.status().equals("CLOSED")).orElse(false));

        // Mon 1 Feb 2027, 10:00 in Singapore.
        clock.advance(Duration.between(clock.instant(), LocalDateTime.parse("2027-02-01T10:00").atZone(SGT).toInstant()));
    }

    @AfterAll
    void close() {
        feed.closeAll();
        feed.close();
    }

    @Test
    void theFunnelPerThemeAndInTotalAsJson() {
        Map<String, Object> report = api.read("office", REPORT);
        assertThat(report).containsEntry("from", "2027-01-01").containsEntry("to", "2027-12-31")
                .containsEntry("zone", "Asia/Singapore");
        assertThat(report.get("themes")).isEqualTo(List.of(
                row("education", 2, 1, 1, 1, 1, 0, 1, 10.0),
                row("transport", 3, 3, 3, 2, 1, 1, 0, 12.0)));
        assertThat(report.get("total")).isEqualTo(row(null, 4, 3, 3, 2, 1, 1, 1, 12.0));
    }

    @Test
    void theSameFiguresAsCsv() {
        HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET(REPORT).accept("text/csv")
                .bearerAuth(TestOidc.get().token("office")), String.class);
        assertThat(r.getContentType().map(MediaType::toString).orElse("")).startsWith("text/csv");
        assertThat(r.body()).isEqualTo(
                "theme,posted,matched,clinicRequested,clinicConfirmed,piloting,workshopsHeld,sharingDaysHeld,medianDaysToFirstConfirmedClinic\r\n"
                        + "education,2,1,1,1,1,0,1,10.0\r\n"
                        + "transport,3,3,3,2,1,1,0,12.0\r\n"
                        + "(all themes),4,3,3,2,1,1,1,12.0\r\n");
    }

    @Test
    void aPeriodWithoutStatementsOrEventsHasAnEmptyTotalWithoutAMedian() {
        Map<String, Object> report = api.read("office", "/api/programme/report?from=2025-01-01&to=2025-12-31");
        assertThat(report.get("themes")).isEqualTo(List.of());
        assertThat(report.get("total")).isEqualTo(row(null, 0, 0, 0, 0, 0, 0, 0, null));
    }

    @Test
    void onlyTheProgrammeOfficeMayReadIt() {
        assertThat(api.get("coordinator", REPORT).status()).isEqualTo(403);
        assertThat(api.get("lta", REPORT).status()).isEqualTo(403);
    }

    @Test
    void badPeriodsAre400NamingTheField() {
        assertThat(api.get("office", "/api/programme/report?to=2027-12-31").fields()).containsExactly("from");
        assertThat(api.get("office", "/api/programme/report?from=2027-01-01&to=31.12.2027").fields()).containsExactly("to");
        Api.Answer reversed = api.get("office", "/api/programme/report?from=2027-02-01&to=2027-01-31");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.fields()).containsExactly("from");
        assertThat(api.get("office", "/api/programme/report?from=2020-01-01&to=2027-12-31").fields()).containsExactly("to");
    }

    private static Map<String, Object> row(String theme, int posted, int matched, int requested, int confirmed, int piloting,
                                           int workshops, int sharingDays, Double median) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("theme", theme);
        m.put("posted", posted);
        m.put("matched", matched);
        m.put("clinicRequested", requested);
        m.put("clinicConfirmed", confirmed);
        m.put("piloting", piloting);
        m.put("workshopsHeld", workshops);
        m.put("sharingDaysHeld", sharingDays);
        m.put("medianDaysToFirstConfirmedClinic", median);
        return m;
    }

    private static ProblemStatementSnapshot posted(String agency, String title, String localTime, String... themes) {
        ProblemStatementSnapshot s = SnapshotFeed.statement(agency, "transport", "Report " + title, Horizon.IMMEDIATE_OPERATIONAL, themes);
        Instant at = LocalDateTime.parse(localTime).atZone(SGT).toInstant();
        return new ProblemStatementSnapshot(s.id(), s.agency(), s.title(), s.description(), s.themes(), s.horizon(),
                s.contact(), s.status(), 0, at, at);
    }

    private void publishAgain(ProblemStatementSnapshot s, ProblemStatementStatus status) {
        feed.publish(SnapshotFeed.withVersion(s, 1, s.title(), status));
    }

    private String clinic(ProblemStatementSnapshot s, String localStart) {
        String coordinator = "coord-" + UUID.randomUUID().toString().substring(0, 8) + "@coordinators.example";
        Instant start = LocalDateTime.parse(localStart).atZone(SGT).toInstant();
        Object slot = api.create("office", "/api/clinic-slots", Bodies.slot("Coordinator Ong", coordinator, start, 60)).get("id");
        api.create("office", "/api/clinics", Bodies.clinic(s.id(), slot));
        return coordinator;
    }

    private void confirmedClinic(ProblemStatementSnapshot s, String localStart) {
        String coordinator = clinic(s, localStart);
        String link = ClinicFixtures.link(ClinicFixtures.awaitMail(coordinator, "Please confirm"));
        String path = link.substring(link.indexOf("/clinics/confirmations/"));
        HttpResponse<String> done = http.toBlocking().exchange(HttpRequest.POST(path, "decision=CONFIRM")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class);
        assertThat(done.getStatus().getCode()).isEqualTo(200);
    }
}
