package io.innoleap.scheduler.notifications;

import io.innoleap.scheduler.notifications.dispatch.MailDispatcher;
import io.innoleap.scheduler.notifications.store.MailOutboxEntry;
import io.innoleap.scheduler.notifications.store.MailOutboxRepository;

import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestSmtp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mail outbox against a real database and a real SMTP server (GreenMail). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailOutboxTest implements TestPropertyProvider {

    @Inject
    MailOutbox outbox;
    @Inject
    MailOutboxRepository repository;
    @Inject
    MailDispatcher dispatcher;
    @Inject
    TransactionOperations<Connection> tx;
    @Inject
    Clock clock;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("scheduler-mail").withSmtp()
                .with("innoleap.mail.sweep-interval", "1h")
                .build();
    }

    private static String address(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@mail-test.example";
    }

    private static MailContent content() {
        byte[] ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8);
        return new MailContent("Clinic confirmed", "plain body", "<p>html body</p>",
                List.of(new MailAttachment("clinic-1.ics", "text/calendar; charset=UTF-8; method=REQUEST", ics)));
    }

    @Test
    void committedMailIsSentAfterCommitWithTextHtmlAndCalendarParts() throws Exception {
        String a = address("agency");
        String b = address("company");
        tx.executeWrite(status -> outbox.enqueue(List.of(a, b, b.toUpperCase(), " "), content()));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                TestSmtp.get().messagesTo(a).size() == 1 && TestSmtp.get().messagesTo(b).size() == 1);
        MimeMessage message = TestSmtp.get().messagesTo(a).get(0);
        // Each recipient gets their own copy: addresses are not shared between recipients.
        assertThat(message.getAllRecipients()).hasSize(1);
        assertThat(message.getSubject()).isEqualTo("Clinic confirmed");
        assertThat(message.getFrom()[0].toString()).contains("programme@innoleap.example");

        List<Part> parts = new ArrayList<>();
        collect(message, parts);
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.isMimeType("text/plain")).isTrue();
            assertThat(p.getContent().toString()).contains("plain body");
        });
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.isMimeType("text/html")).isTrue();
            assertThat(p.getContent().toString()).contains("<p>html body</p>");
        });
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.getContentType()).containsIgnoringCase("text/calendar").containsIgnoringCase("method=REQUEST");
            assertThat(p.getFileName()).isEqualTo("clinic-1.ics");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getDataHandler().writeTo(out);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("METHOD:REQUEST");
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rowsFor(a).stream().allMatch(r -> r.sentAt() != null));
        assertThat(rowsFor(b)).hasSize(1);
    }

    @Test
    void rolledBackMailIsNeitherStoredNorSent() {
        String a = address("rollback");
        assertThatThrownBy(() -> tx.executeWrite(status -> {
            outbox.enqueue(List.of(a), content());
            throw new IllegalStateException("booking failed");
        })).isInstanceOf(IllegalStateException.class);
        dispatcher.drain();
        assertThat(rowsFor(a)).isEmpty();
        assertThat(TestSmtp.get().messagesTo(a)).isEmpty();
    }

    @Test
    void enqueueOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.enqueue(List.of(address("none")), content()))
                .hasMessageContaining("transaction");
    }

    @Test
    void theSweepSendsRowsThatMissedTheirWakeUp() {
        String a = address("sweep");
        Instant now = clock.instant();
        repository.save(new MailOutboxEntry(null, a, "Left behind", "t", "<p>h</p>", "[]", now, now, null, 0, null, null, null));
        dispatcher.drain();
        assertThat(TestSmtp.get().messagesTo(a)).hasSize(1);
        assertThat(rowsFor(a)).singleElement().satisfies(r -> {
            assertThat(r.sentAt()).isNotNull();
            assertThat(r.attempts()).isEqualTo(1);
        });
    }

    @Test
    void aFailedSendIsRecordedAndRetriedLaterNotAtOnce() {
        Instant now = clock.instant();
        MailOutboxEntry bad = repository.save(new MailOutboxEntry(null, "not an address", "Bad", "t", "<p>h</p>", "[]",
                now, now, null, 0, null, null, null));
        dispatcher.drain();
        MailOutboxEntry after = repository.findById(bad.id()).orElseThrow();
        assertThat(after.sentAt()).isNull();
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastError()).isNotBlank();
        assertThat(after.nextAttemptAt()).isAfter(now.plusSeconds(5));
        dispatcher.drain();
        assertThat(repository.findById(bad.id()).orElseThrow().attempts()).isEqualTo(1);
        repository.delete(after);
    }

    private List<MailOutboxEntry> rowsFor(String recipient) {
        List<MailOutboxEntry> rows = new ArrayList<>();
        repository.findAll().forEach(r -> {
            if (r.recipient().equalsIgnoreCase(recipient)) {
                rows.add(r);
            }
        });
        return rows;
    }

    private static void collect(Part part, List<Part> into) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                collect(child, into);
            }
        } else {
            into.add(part);
        }
    }
}
