package io.innoleap.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.innoleap.kafka.KafkaBrokerProcess;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) in the test JVM, one per run; tests read what was delivered. */
public final class TestSmtp {

    private static TestSmtp instance;
    private final GreenMail greenMail;
    private final int port;

    private TestSmtp() {
        port = KafkaBrokerProcess.freePort();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "greenmail-stop"));
    }

    public static synchronized TestSmtp get() {
        if (instance == null) {
            instance = new TestSmtp();
        }
        return instance;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public List<MimeMessage> messages() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    /** Messages delivered to one address. */
    public List<MimeMessage> messagesTo(String address) {
        return messages().stream().filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    public GreenMail greenMail() {
        return greenMail;
    }
}
