package io.innoleap.scheduler.notifications;

import io.innoleap.testkit.MailParts;
import io.innoleap.testkit.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.model.component.VEvent;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What the tests' SMTP server received: mails by recipient and subject, and their .ics. */
public final class Mailbox {

    private Mailbox() {
    }

    /** The mails to {@code to} whose subject starts with {@code prefix} and contains every one of {@code parts}. */
    public static List<MimeMessage> withSubject(String to, String prefix, String... parts) {
        return TestSmtp.get().messagesTo(to).stream().filter(m -> {
            try {
                String subject = m.getSubject();
                return subject.startsWith(prefix) && Arrays.stream(parts).allMatch(subject::contains);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** Waits (up to 30 s) until at least {@code count} such mails arrived, and returns them all. */
    public static List<MimeMessage> await(String to, String prefix, int count, String... parts) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> withSubject(to, prefix, parts).size() >= count);
        return withSubject(to, prefix, parts);
    }

    /** The mail's .ics attachment. */
    public static String ics(MimeMessage mail) {
        return MailParts.of(mail).stream().filter(p -> p.fileName() != null && p.fileName().endsWith(".ics"))
                .map(MailParts.MailPart::content).findFirst().orElseThrow();
    }

    /** The first event of the mail's .ics. */
    public static VEvent event(MimeMessage mail) throws Exception {
        return MailFixtures.event(ics(mail));
    }
}
