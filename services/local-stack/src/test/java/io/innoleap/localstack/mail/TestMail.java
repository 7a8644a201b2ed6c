package io.innoleap.localstack.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/** Sends real mail over SMTP with jakarta.mail and reads the catcher's HTTP port, for the tests. */
final class TestMail {

    static final String ICS = String.join("\r\n",
            "BEGIN:VCALENDAR",
            "PRODID:-//InnoLeap//Scheduler//EN",
            "VERSION:2.0",
            "METHOD:REQUEST",
            "BEGIN:VEVENT",
            "UID:clinic-42@innoleap.test",
            "DTSTART:20261203T020000Z",
            "DTEND:20261203T030000Z",
            "SUMMARY:1-1 clinic: Smart water sensors",
            "END:VEVENT",
            "END:VCALENDAR", "");

    static final String CONFIRM_URL = "http://localhost:8084/clinics/42/confirm?token=abc123&via=mail";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestMail() {
    }

    static Session session(int smtpPort) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        return Session.getInstance(props);
    }

    /** Like the scheduler's clinic mail: text + HTML alternatives and a {@code method=REQUEST} invitation. */
    static MimeMessage calendarInvite(Session session) throws MessagingException, IOException {
        MimeMessage msg = new MimeMessage(session);
        msg.setFrom(new InternetAddress("scheduler@innoleap.test", "InnoLeap Scheduler"));
        msg.setRecipients(Message.RecipientType.TO, "coordinator@innoleap.test");
        msg.setSubject("Clinic awaiting confirmation: Smart water sensors", "UTF-8");

        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please confirm the clinic: " + CONFIRM_URL + "\nThank you.", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><body><p>Please <a href=\"" + CONFIRM_URL.replace("&", "&amp;")
                + "\">confirm the clinic</a>.</p><script>alert('mail')</script></body></html>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);

        MimeBodyPart ics = new MimeBodyPart();
        ics.setDataHandler(new DataHandler(new ByteArrayDataSource(
                ICS.getBytes(StandardCharsets.UTF_8), "text/calendar; charset=UTF-8; method=REQUEST")));
        ics.setFileName("clinic.ics");
        ics.setDisposition(Part.ATTACHMENT);

        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(ics);
        msg.setContent(mixed);
        msg.saveChanges();
        return msg;
    }

    static MimeMessage plainText(Session session, String subject) throws MessagingException {
        MimeMessage msg = new MimeMessage(session);
        msg.setFrom(new InternetAddress("no-reply@innoleap.test"));
        msg.setRecipients(Message.RecipientType.TO, "agency@pub.gov.test");
        msg.setRecipients(Message.RecipientType.CC, "programme-office@innoleap.test");
        msg.setSubject(subject);
        msg.setText("Your problem statement was published.\nSee the matches at http://localhost:8081/problems/7.\n");
        msg.saveChanges();
        return msg;
    }

    static MimeMessage withDisplayNames(Session session) throws MessagingException, IOException {
        MimeMessage msg = new MimeMessage(session);
        msg.setFrom(new InternetAddress("coordinator@innoleap.test", "Dana Tan (Coordinator)"));
        msg.setRecipients(Message.RecipientType.TO, new InternetAddress[]{
                new InternetAddress("wei.ling@nus.test", "Wei Ling Ong"),
                new InternetAddress("ops@sensorco.test")});
        msg.setSubject("Sharing day agenda \u2013 Water & Sustainability", "UTF-8");
        msg.setText("Agenda attached in the next mail.", "UTF-8");
        msg.saveChanges();
        return msg;
    }

    static void send(MimeMessage msg) {
        try {
            Transport.send(msg);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(URI base, String path) {
        return request(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    static HttpResponse<byte[]> getBytes(URI base, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> request(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode getJson(URI base, String path) {
        HttpResponse<String> response = get(base, path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static int total(URI base) {
        return getJson(base, "/api/v1/messages").get("total").asInt();
    }
}
