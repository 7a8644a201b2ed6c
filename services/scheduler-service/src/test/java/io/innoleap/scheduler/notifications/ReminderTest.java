package io.innoleap.scheduler.notifications;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.scheduler.Api;
import io.innoleap.scheduler.Bodies;
import io.innoleap.scheduler.notifications.store.MailOutboxRepository;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.readmodel.SnapshotFeed;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders, driven by the test clock: 24 hours before a scheduled workshop everyone invited gets
 * one reminder, once, also after the service restarts on the same database; a cancelled workshop
 * gets none, and a rescheduled one is reminded of its new time only.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReminderTest implements TestPropertyProvider {

    private static final ZoneId SGT = ZoneId.of("Asia/Singapore");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    ReadModel readModel;
    @Inject
    ReminderJob reminders;
    @Inject
    MailOutboxRepository mailOutbox;
    @Inject
    TestClock clock;

    private Map<String, String> properties;
    private Api api;
    private SnapshotFeed feed;
    private String agencyEmail;
    private String providerEmail;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            // The scheduled run is out of the way: the test runs the job when the clock says so.
            properties = new HashMap<>(ServiceTestProperties.forService("sched-reminders").withSmtp()
                    .with("innoleap.reminders.initial-delay", "1h").with("innoleap.reminders.interval", "1h")
                    .with("innoleap.reminders.lead-times", "24h").build());
        }
        return properties;
    }

    @BeforeAll
    void seed() {
        api = new Api(http);
        feed = new SnapshotFeed(json);
        ProblemStatementSnapshot statement = SnapshotFeed.statement(SnapshotFeed.unique("RM"), "education",
                "Reminders: adult learning", Horizon.IMMEDIATE_OPERATIONAL, "education");
        SolutionProfileSnapshot provider = SnapshotFeed.profile("Reminded Learning " + SnapshotFeed.unique(""), "education");
        feed.publish(provider);
        feed.publish(statement);
        feed.publish(SnapshotFeed.match(statement, provider, 0.9, "education"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                readModel.matchesFor(List.of(statement.id())).get(statement.id()).size() == 1);
        feed.awaitKnown(readModel); // its statements and profiles too, not only the matches
        agencyEmail = statement.contact().email();
        providerEmail = provider.contact().email();
    }

    @AfterAll
    void close() {
        feed.closeAll();
        feed.close();
    }

    @Test
    void eachInviteeIsRemindedOnceADayBeforeAndNeverOfACancelledOrMovedWorkshop() {
        // Tue 10 Nov (reminded), Wed 11 Nov (cancelled), Thu 12 Nov (moved to Thu 19 Nov), all 09:30 in Singapore.
        String kept = (String) api.create("office", "/api/workshops", Bodies.workshop("education", LocalDate.parse("2026-11-10"), true)).get("id");
        String cancelled = (String) api.create("office", "/api/workshops", Bodies.workshop("education", LocalDate.parse("2026-11-11"), true)).get("id");
        String moved = (String) api.create("office", "/api/workshops", Bodies.workshop("education", LocalDate.parse("2026-11-12"), true)).get("id");
        assertThat(api.post("office", "/api/workshops/" + cancelled + "/cancel", Map.of("reason", "No room")).status()).isEqualTo(200);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", 0);
        body.put("startsAt", "2026-11-19T09:30:00+08:00");
        body.put("overrideCadence", true);
        assertThat(api.send("office", HttpMethod.PUT, "/api/workshops/" + moved, body, null).status()).isEqualTo(200);

        assertThat(reminders.leadTimes()).containsExactly(Duration.ofHours(24));
        // A week before: nothing is due.
        assertThat(reminders.run()).isZero();

        // Mon 9 Nov, 10:00: the workshop of the 10th starts within 24 hours.
        moveClockTo(LocalDateTime.parse("2026-11-09T10:00"));
        assertThat(reminders.run()).isEqualTo(2);
        assertThat(reminders.run()).as("a second run queues nothing").isZero();
        for (String invitee : List.of(agencyEmail, providerEmail)) {
            assertThat(awaitReminders(invitee, "Tue 10 Nov 2026", 1)).hasSize(1);
        }

        // The same database after a restart: the keys are there, nothing goes out twice.
        try (ApplicationContext restarted = ApplicationContext.run(new HashMap<String, Object>(properties), "test")) {
            TestClock restartedClock = restarted.getBean(TestClock.class);
            restartedClock.advance(Duration.between(restartedClock.instant(), at(LocalDateTime.parse("2026-11-09T11:00"))));
            assertThat(restarted.getBean(ReminderJob.class).run()).isZero();
        }
        assertThat(mailOutbox.countByDedupeKeyPrefix("reminder:workshop:" + kept + ":%")).isEqualTo(2);

        // Tue 10 Nov, 10:00: the cancelled workshop of the 11th and the old time of the moved one get nothing.
        moveClockTo(LocalDateTime.parse("2026-11-10T10:00"));
        assertThat(reminders.run()).isZero();
        moveClockTo(LocalDateTime.parse("2026-11-11T10:00"));
        assertThat(reminders.run()).isZero();
        assertThat(mailOutbox.countByDedupeKeyPrefix("reminder:workshop:" + cancelled + ":%")).isZero();

        // Wed 18 Nov, 10:00: the moved workshop, at its new time.
        moveClockTo(LocalDateTime.parse("2026-11-18T10:00"));
        assertThat(reminders.run()).isEqualTo(2);
        assertThat(awaitReminders(agencyEmail, "Thu 19 Nov 2026", 1)).hasSize(1);
        assertThat(withSubject(agencyEmail, "Wed 11 Nov 2026")).isEmpty();
        assertThat(withSubject(agencyEmail, "Thu 12 Nov 2026")).isEmpty();
        assertThat(withSubject(agencyEmail, "Tue 10 Nov 2026")).hasSize(1);
    }

    private static Instant at(LocalDateTime local) {
        return local.atZone(SGT).toInstant();
    }

    private void moveClockTo(LocalDateTime local) {
        clock.advance(Duration.between(clock.instant(), at(local)));
    }

    private static List<MimeMessage> awaitReminders(String to, String when, int count) {
        return Mailbox.await(to, "Reminder:", count, when);
    }

    private static List<MimeMessage> withSubject(String to, String when) {
        return Mailbox.withSubject(to, "Reminder:", when);
    }
}
