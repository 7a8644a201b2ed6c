package io.innoleap.scheduler.notifications;

import io.innoleap.scheduler.notifications.store.MailOutboxEntry;
import io.innoleap.scheduler.notifications.store.MailOutboxRepository;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.innoleap.testkit.ServiceTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMTP outage delays mail but loses none: while the server is down the dispatcher records each
 * failed attempt and backs off; once the server is up, the sweep delivers every queued mail once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailOutageTest implements TestPropertyProvider {

    private static final int PORT = freePort();

    @Inject
    MailOutbox outbox;
    @Inject
    MailOutboxRepository repository;
    @Inject
    TransactionOperations<Connection> tx;
    @Inject
    @io.micronaut.http.client.annotation.Client("/")
    io.micronaut.http.client.HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("scheduler-mail-outage").actingAs("office")
                .with("javamail.properties.mail.smtp.host", "127.0.0.1")
                .with("javamail.properties.mail.smtp.port", Integer.toString(PORT))
                .with("innoleap.mail.sweep-interval", "200ms")
                .with("innoleap.mail.retry-base", "200ms")
                .with("innoleap.mail.retry-max", "1s")
                .with("innoleap.mail.monitor-interval", "200ms")
                .build();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void mailQueuedDuringAnOutageIsDeliveredOnceTheServerIsBack() {
        List<String> to = List.of("first@outage.example", "second@outage.example");
        tx.executeWrite(status -> outbox.enqueue(to, new MailContent("During the outage", "text", "<p>html</p>", List.of())));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                rows().stream().allMatch(r -> r.attempts() >= 2 && r.sentAt() == null && r.lastError() != null));
        // Operators see the backlog on /prometheus while the server is down.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gauge("innoleap_mail_outbox_backlog") == 2);
        assertThat(gauge("innoleap_mail_outbox_given_up")).isZero();

        GreenMail smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> rows().stream().allMatch(r -> r.sentAt() != null));
            assertThat(smtp.getReceivedMessages()).hasSize(2);
            assertThat(rows()).allSatisfy(r -> assertThat(r.lastError()).isNull());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gauge("innoleap_mail_outbox_backlog") == 0
                    && gauge("innoleap_mail_outbox_oldest_age_seconds") == 0);
        } finally {
            smtp.stop();
        }
    }

    /** A gauge's value as /prometheus shows it (one series, no labels beyond the common ones). */
    private double gauge(String name) {
        String text = http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/prometheus"), String.class);
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not on /prometheus"));
    }

    private List<MailOutboxEntry> rows() {
        List<MailOutboxEntry> all = new java.util.ArrayList<>();
        repository.findAll().forEach(all::add);
        return all;
    }
}
