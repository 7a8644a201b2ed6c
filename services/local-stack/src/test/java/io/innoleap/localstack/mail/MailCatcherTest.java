package io.innoleap.localstack.mail;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static io.innoleap.localstack.mail.TestMail.CONFIRM_URL;
import static io.innoleap.localstack.mail.TestMail.ICS;
import static io.innoleap.localstack.mail.TestMail.get;
import static io.innoleap.localstack.mail.TestMail.getJson;
import static io.innoleap.localstack.mail.TestMail.json;
import static io.innoleap.localstack.mail.TestMail.send;
import static io.innoleap.localstack.mail.TestMail.total;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MailCatcherTest {

    @TempDir
    Path dataDir;

    private MailCatcher catcher;
    private URI base;
    private Session session;

    @BeforeEach
    void start() {
        catcher = new MailCatcher(dataDir, 0, 0).start();
        base = catcher.httpUri();
        session = TestMail.session(catcher.smtpPort());
    }

    @AfterEach
    void stop() {
        catcher.stop();
    }

    /** The three kinds of mail the services send; returns after the catcher lists all three. */
    private void sendThree() throws Exception {
        send(TestMail.calendarInvite(session));
        send(TestMail.plainText(session, "Problem statement published"));
        send(TestMail.withDisplayNames(session));
        awaitTotal(3);
    }

    private void awaitTotal(int expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> total(base) == expected);
    }

    private static List<String> subjects(JsonNode page) {
        List<String> subjects = new ArrayList<>();
        page.get("messages").forEach(m -> subjects.add(m.get("Subject").asText()));
        return subjects;
    }

    private String idOf(String subject) {
        for (JsonNode m : getJson(base, "/api/v1/messages").get("messages")) {
            if (m.get("Subject").asText().equals(subject)) {
                return m.get("ID").asText();
            }
        }
        throw new AssertionError("no message with subject " + subject);
    }

    @Test
    void listsMessagesNewestFirstInMailpitShape() throws Exception {
        sendThree();

        JsonNode page = getJson(base, "/api/v1/messages");

        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("messages_count").asInt()).isEqualTo(3);
        assertThat(page.get("unread").asInt()).isEqualTo(3);
        assertThat(page.get("start").asInt()).isZero();
        assertThat(page.get("tags").isArray()).isTrue();
        assertThat(subjects(page)).containsExactly(
                "Sharing day agenda \u2013 Water & Sustainability",
                "Problem statement published",
                "Clinic awaiting confirmation: Smart water sensors");

        List<Instant> created = new ArrayList<>();
        for (JsonNode m : page.get("messages")) {
            assertThat(m.get("ID").asText()).matches("[0-9A-Za-z]{22}");
            assertThat(m.get("MessageID").asText()).isNotBlank().doesNotStartWith("<");
            assertThat(m.get("From").get("Address").isTextual()).isTrue();
            assertThat(m.get("To").isArray()).isTrue();
            assertThat(m.get("Read").asBoolean()).isFalse();
            created.add(Instant.parse(m.get("Created").asText()));
        }
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();

        JsonNode named = page.get("messages").get(0);
        assertThat(named.get("From").get("Name").asText()).isEqualTo("Dana Tan (Coordinator)");
        assertThat(named.get("From").get("Address").asText()).isEqualTo("coordinator@innoleap.test");
        assertThat(named.get("To")).hasSize(2);
        assertThat(named.get("To").get(0).get("Name").asText()).isEqualTo("Wei Ling Ong");
        assertThat(named.get("To").get(0).get("Address").asText()).isEqualTo("wei.ling@nus.test");
        assertThat(named.get("To").get(1).get("Name").asText()).isEmpty();
        assertThat(named.get("To").get(1).get("Address").asText()).isEqualTo("ops@sensorco.test");

        JsonNode plain = page.get("messages").get(1);
        assertThat(plain.get("From").get("Address").asText()).isEqualTo("no-reply@innoleap.test");
        assertThat(plain.get("From").get("Name").asText()).isEmpty();
        assertThat(plain.get("Cc").get(0).get("Address").asText()).isEqualTo("programme-office@innoleap.test");
        assertThat(plain.get("Attachments").asInt()).isZero();
        assertThat(plain.get("Snippet").asText()).startsWith("Your problem statement was published. See the matches");

        JsonNode invite = page.get("messages").get(2);
        assertThat(invite.get("From").get("Name").asText()).isEqualTo("InnoLeap Scheduler");
        assertThat(invite.get("To").get(0).get("Address").asText()).isEqualTo("coordinator@innoleap.test");
        assertThat(invite.get("Attachments").asInt()).isEqualTo(1);
        assertThat(invite.get("Size").asLong()).isGreaterThan(ICS.length());
    }

    @Test
    void pagesWithLimitAndStartAsMailpitDoes() throws Exception {
        sendThree();

        JsonNode firstTwo = getJson(base, "/api/v1/messages?limit=2");
        assertThat(firstTwo.get("total").asInt()).isEqualTo(3);
        assertThat(firstTwo.get("count").asInt()).isEqualTo(2);
        assertThat(subjects(firstTwo)).containsExactly(
                "Sharing day agenda \u2013 Water & Sustainability", "Problem statement published");

        JsonNode second = getJson(base, "/api/v1/messages?start=1&limit=1");
        assertThat(second.get("start").asInt()).isEqualTo(1);
        assertThat(subjects(second)).containsExactly("Problem statement published");

        assertThat(subjects(getJson(base, "/api/v1/messages?start=3"))).isEmpty();
        assertThat(getJson(base, "/api/v1/messages?start=3").get("total").asInt()).isEqualTo(3);
        // Mailpit falls back to its defaults for values it cannot use.
        assertThat(subjects(getJson(base, "/api/v1/messages?limit=0&start=-4"))).hasSize(3);
        assertThat(subjects(getJson(base, "/api/v1/messages?limit=abc"))).hasSize(3);
    }

    @Test
    void messageDetailHasTextHtmlAndTheCalendarAttachment() throws Exception {
        sendThree();
        String id = idOf("Clinic awaiting confirmation: Smart water sensors");

        JsonNode message = getJson(base, "/api/v1/message/" + id);

        assertThat(message.get("ID").asText()).isEqualTo(id);
        assertThat(message.get("Subject").asText()).isEqualTo("Clinic awaiting confirmation: Smart water sensors");
        assertThat(message.get("From").get("Address").asText()).isEqualTo("scheduler@innoleap.test");
        assertThat(message.get("To").get(0).get("Address").asText()).isEqualTo("coordinator@innoleap.test");
        assertThat(Instant.parse(message.get("Created").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(Instant.parse(message.get("Date").asText())).isNotNull();
        assertThat(message.get("Text").asText()).isEqualTo("Please confirm the clinic: " + CONFIRM_URL + "\nThank you.");
        assertThat(message.get("HTML").asText())
                .contains("<a href=\"" + CONFIRM_URL.replace("&", "&amp;") + "\">confirm the clinic</a>");
        assertThat(message.get("Inline")).isEmpty();
        assertThat(message.get("Attachments")).hasSize(1);
        JsonNode ics = message.get("Attachments").get(0);
        assertThat(ics.get("FileName").asText()).isEqualTo("clinic.ics");
        assertThat(ics.get("ContentType").asText()).isEqualTo("text/calendar");
        assertThat(ics.get("Size").asLong()).isEqualTo(ICS.getBytes(StandardCharsets.UTF_8).length);
        assertThat(ics.get("PartID").asText()).isEqualTo("2");
        assertThat(ics.get("Checksums").get("SHA256").asText()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(ICS.getBytes(StandardCharsets.UTF_8))));

        HttpResponse<byte[]> part = TestMail.getBytes(base, "/api/v1/message/" + id + "/part/" + ics.get("PartID").asText());
        assertThat(part.statusCode()).isEqualTo(200);
        assertThat(new String(part.body(), StandardCharsets.UTF_8)).isEqualTo(ICS);
        assertThat(part.headers().firstValue("Content-Type")).get().asString()
                .startsWith("text/calendar").contains("method=REQUEST");
        assertThat(part.headers().firstValue("Content-Disposition")).get().asString().contains("clinic.ics");

        // Reading a message marks it read, as in Mailpit.
        assertThat(getJson(base, "/api/v1/messages").get("unread").asInt()).isEqualTo(2);
        // "latest" names the newest message, as in Mailpit.
        assertThat(getJson(base, "/api/v1/message/latest").get("Subject").asText())
                .isEqualTo("Sharing day agenda \u2013 Water & Sustainability");
    }

    @Test
    void plainTextMessageHasTextAndNoHtmlOrAttachments() throws Exception {
        sendThree();
        JsonNode message = getJson(base, "/api/v1/message/" + idOf("Problem statement published"));

        // The line break before SMTP's closing "." is not kept (GreenMail), hence stripTrailing.
        assertThat(message.get("Text").asText().stripTrailing())
                .isEqualTo("Your problem statement was published.\nSee the matches at http://localhost:8081/problems/7.");
        assertThat(message.get("HTML").asText()).isEmpty();
        assertThat(message.get("Attachments")).isEmpty();
        assertThat(message.get("Cc").get(0).get("Address").asText()).isEqualTo("programme-office@innoleap.test");
    }

    @Test
    void anHtmlOnlyMailGetsATextRenderingLikeMailpitGives() throws Exception {
        var msg = new jakarta.mail.internet.MimeMessage(session);
        msg.setFrom("scheduler@innoleap.test");
        msg.setRecipients(jakarta.mail.Message.RecipientType.TO, "agency@pub.gov.test");
        msg.setSubject("Workshop planned");
        msg.setContent("<html><head><style>p{color:red}</style></head><body><h1>Workshop</h1>"
                + "<p>Water &amp; sustainability<br>3 December</p></body></html>", "text/html; charset=UTF-8");
        send(msg);
        awaitTotal(1);

        JsonNode message = getJson(base, "/api/v1/message/latest");
        assertThat(message.get("HTML").asText()).contains("<h1>Workshop</h1>");
        assertThat(message.get("Text").asText()).isEqualTo("Workshop\nWater & sustainability\n3 December");
        assertThat(getJson(base, "/api/v1/messages").get("messages").get(0).get("Snippet").asText())
                .isEqualTo("Workshop Water & sustainability 3 December");
    }

    @Test
    void aNonAsciiHtmlOnlyMailWithBase64PartsAndAnInvitationReadsBackDecoded() throws Exception {
        var msg = new jakarta.mail.internet.MimeMessage(session);
        msg.setFrom(new jakarta.mail.internet.InternetAddress("scheduler@innoleap.test", "Planificaci\u00f3n \u2013 InnoLeap", "UTF-8"));
        msg.setRecipients(jakarta.mail.Message.RecipientType.TO, "agency@pub.gov.test");
        msg.setSubject("R\u00e9union confirm\u00e9e \u2013 \u7814\u8ba8\u4f1a \u00b7 \u20ac0", "UTF-8");
        var html = new jakarta.mail.internet.MimeBodyPart();
        html.setContent("<html><body><p>Bonjour \u00c9lodie,</p><p>Rendez-vous le <b>3&nbsp;d\u00e9cembre</b>.<br>"
                + "<a href=\"" + CONFIRM_URL.replace("&", "&amp;") + "\">Confirmer</a></p></body></html>", "text/html; charset=UTF-8");
        html.setHeader("Content-Transfer-Encoding", "base64");
        var ics = new jakarta.mail.internet.MimeBodyPart();
        ics.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                ICS.getBytes(StandardCharsets.UTF_8), "text/calendar; charset=UTF-8; method=REQUEST")));
        ics.setFileName("r\u00e9union \u2013 3 d\u00e9c.ics");
        ics.setDisposition(jakarta.mail.Part.ATTACHMENT);
        ics.setHeader("Content-Transfer-Encoding", "base64");
        var page = new jakarta.mail.internet.MimeBodyPart();
        page.setContent("<script>alert(1)</script>", "text/html; charset=UTF-8");
        page.setFileName("agenda.html");
        page.setDisposition(jakarta.mail.Part.ATTACHMENT);
        var mixed = new jakarta.mail.internet.MimeMultipart("mixed");
        mixed.addBodyPart(html);
        mixed.addBodyPart(ics);
        mixed.addBodyPart(page);
        msg.setContent(mixed);
        msg.saveChanges();
        send(msg);
        awaitTotal(1);

        String raw = get(base, "/api/v1/message/latest/raw").body();
        assertThat(raw).as("sent encoded").contains("=?UTF-8?").contains("Content-Transfer-Encoding: base64")
                .doesNotContain("\u00e9");
        JsonNode summary = getJson(base, "/api/v1/messages").get("messages").get(0);
        assertThat(summary.get("Subject").asText()).isEqualTo("R\u00e9union confirm\u00e9e \u2013 \u7814\u8ba8\u4f1a \u00b7 \u20ac0");
        assertThat(summary.get("From").get("Name").asText()).isEqualTo("Planificaci\u00f3n \u2013 InnoLeap");
        assertThat(summary.get("Attachments").asInt()).isEqualTo(2);

        JsonNode message = getJson(base, "/api/v1/message/latest");
        assertThat(message.get("HTML").asText()).contains("<b>3&nbsp;d\u00e9cembre</b>");
        assertThat(message.get("Text").asText())
                .isEqualTo("Bonjour \u00c9lodie,\nRendez-vous le 3 d\u00e9cembre.\nConfirmer (" + CONFIRM_URL + ")");
        assertThat(message.get("Attachments")).extracting(a -> a.get("FileName").asText())
                .containsExactly("r\u00e9union \u2013 3 d\u00e9c.ics", "agenda.html");

        HttpResponse<byte[]> invitation = TestMail.getBytes(base, "/api/v1/message/latest/part/2");
        assertThat(new String(invitation.body(), StandardCharsets.UTF_8)).isEqualTo(ICS);
        assertThat(invitation.headers().firstValue("Content-Type")).get().asString().contains("method=REQUEST");
        assertThat(invitation.headers().firstValue("Content-Disposition")).get().asString()
                .startsWith("inline").contains("filename*=UTF-8''r%C3%A9union%20%E2%80%93%203%20d%C3%A9c.ics");
        // An HTML attachment would run on the catcher's origin if shown: it downloads instead.
        HttpResponse<byte[]> script = TestMail.getBytes(base, "/api/v1/message/latest/part/3");
        assertThat(script.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(script.headers().firstValue("Content-Disposition")).get().asString().startsWith("attachment");

        String id = summary.get("ID").asText();
        String view = get(base, "/view/" + id).body();
        assertThat(view).contains("<title>R\u00e9union confirm\u00e9e \u2013 \u7814\u8ba8\u4f1a \u00b7 \u20ac0 - InnoLeap mail catcher</title>")
                .contains(">r\u00e9union \u2013 3 d\u00e9c.ics</a>")
                .contains("<a href=\"" + CONFIRM_URL.replace("&", "&amp;") + "\" target=\"_blank\"");
    }

    @Test
    void mailSentAtTheSameTimeIsAllKeptInArrivalOrder() throws Exception {
        int senders = 4;
        int perSender = 5;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                sent.add(pool.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        send(TestMail.plainText(session, "sender " + sender + " mail " + i));
                    }
                    return null;
                }));
            }
            for (var f : sent) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        awaitTotal(senders * perSender);

        JsonNode page = getJson(base, "/api/v1/messages?limit=100");
        List<Instant> created = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.Map<Integer, List<Integer>> perSenderOrder = new java.util.HashMap<>();
        for (JsonNode m : page.get("messages")) {
            created.add(Instant.parse(m.get("Created").asText()));
            ids.add(m.get("ID").asText());
            String[] words = m.get("Subject").asText().split(" ");
            perSenderOrder.computeIfAbsent(Integer.parseInt(words[1]), k -> new ArrayList<>()).add(Integer.parseInt(words[3]));
        }
        assertThat(ids).hasSize(senders * perSender);
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
        // Each sender sent in order, so its mails appear newest first.
        perSenderOrder.values().forEach(order -> assertThat(order).containsExactly(4, 3, 2, 1, 0));
    }

    @Test
    void startsDespiteStrayOrBrokenFilesInTheDataFolder() throws Exception {
        send(TestMail.plainText(session, "Good one"));
        awaitTotal(1);
        catcher.stop();
        Files.writeString(dataDir.resolve("notes.txt"), "not mail");
        Files.writeString(dataDir.resolve("hand-written.eml"), "Subject: not named by the catcher\r\n\r\nx");
        Files.write(dataDir.resolve("1795358615133267-brokenBrokenBroken0000.eml"), new byte[0]);

        catcher = new MailCatcher(dataDir, 0, 0).start();
        base = catcher.httpUri();

        // The empty file is a message without headers; the others are not the catcher's and are left alone.
        assertThat(subjects(getJson(base, "/api/v1/messages"))).contains("Good one").hasSize(2);
        assertThat(Files.exists(dataDir.resolve("notes.txt"))).isTrue();
    }

    @Test
    void unknownIdsAndPartsAnswer404Json() throws Exception {
        send(TestMail.calendarInvite(session));
        awaitTotal(1);
        String id = getJson(base, "/api/v1/messages").get("messages").get(0).get("ID").asText();

        for (String path : List.of("/api/v1/message/doesNotExist0000000000",
                "/api/v1/message/doesNotExist0000000000/part/2",
                "/api/v1/message/" + id + "/part/9",
                "/api/v1/message/" + id + "/part/1.1")) { // a body part, not an attachment
            HttpResponse<String> response = get(base, path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).contains("application/json");
            assertThat(json(response.body()).get("Error").asText()).as(path).isNotBlank();
        }
        assertThat(get(base, "/api/v1/message/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void aMessageToSeveralRecipientsIsKeptOnce() throws Exception {
        var msg = TestMail.plainText(session, "To many");
        // To + Cc in the headers, plus a Bcc that only the envelope carries.
        msg.addRecipients(jakarta.mail.Message.RecipientType.BCC, "auditor@innoleap.test");
        send(msg);
        send(TestMail.plainText(session, "After"));
        awaitTotal(2);

        assertThat(subjects(getJson(base, "/api/v1/messages"))).containsExactly("After", "To many");
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".eml"))).hasSize(2);
        }
    }

    @Test
    void acceptsAuthPlainAndAuthLoginWithAnyCredentials() throws Exception {
        String b64User = b64("scheduler-service");
        String b64Password = b64("whatever");
        try (Smtp smtp = new Smtp(catcher.smtpPort())) {
            assertThat(smtp.ehlo()).contains("AUTH").contains("PLAIN").contains("LOGIN");
            assertThat(smtp.command("AUTH PLAIN " + b64("\0scheduler-service\0whatever"))).startsWith("235");
            smtp.sendMail("Sent after AUTH PLAIN");
        }
        try (Smtp smtp = new Smtp(catcher.smtpPort())) {
            smtp.ehlo();
            assertThat(smtp.command("AUTH LOGIN")).startsWith("334");
            assertThat(smtp.command(b64User)).startsWith("334");
            assertThat(smtp.command(b64Password)).startsWith("235");
            smtp.sendMail("Sent after AUTH LOGIN");
        }
        try (Smtp smtp = new Smtp(catcher.smtpPort())) {
            smtp.ehlo();
            smtp.sendMail("Sent without AUTH");
        }
        awaitTotal(3);
        assertThat(subjects(getJson(base, "/api/v1/messages")))
                .containsExactly("Sent without AUTH", "Sent after AUTH LOGIN", "Sent after AUTH PLAIN");
    }

    @Test
    void webPageListsMessagesAndShowsOneWithItsHtmlSandboxed() throws Exception {
        sendThree();

        HttpResponse<String> list = get(base, "/");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(list.body())
                .contains("Clinic awaiting confirmation: Smart water sensors")
                .contains("Problem statement published")
                .contains("Sharing day agenda \u2013 Water &amp; Sustainability")
                .contains("InnoLeap Scheduler &lt;scheduler@innoleap.test&gt;")
                .contains("Wei Ling Ong &lt;wei.ling@nus.test&gt;, ops@sensorco.test")
                .contains("3 messages");
        assertThat(list.body().indexOf("Sharing day agenda"))
                .isLessThan(list.body().indexOf("Problem statement published"))
                .isLessThan(list.body().indexOf("Clinic awaiting confirmation"));
        String id = idOf("Clinic awaiting confirmation: Smart water sensors");
        assertThat(list.body()).contains("href=\"/view/" + id + "\"");

        HttpResponse<String> view = get(base, "/view/" + id);
        assertThat(view.statusCode()).isEqualTo(200);
        String csp = view.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'").doesNotContain("script-src");
        String page = view.body();
        assertThat(page).doesNotContain("<script");
        // The HTML body sits escaped in a sandboxed srcdoc that allows neither scripts nor same origin.
        assertThat(page).contains("<iframe").contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox\"")
                .doesNotContain("allow-scripts").doesNotContain("allow-same-origin")
                .contains("srcdoc=\"")
                .contains("&lt;script&gt;alert('mail')&lt;/script&gt;")
                .contains("confirm the clinic&lt;/a&gt;");
        // The text part with its link clickable, and the invitation as a download link.
        assertThat(page).contains("<a href=\"" + CONFIRM_URL.replace("&", "&amp;") + "\" target=\"_blank\"")
                .contains("<a download href=\"/api/v1/message/" + id + "/part/2\">clinic.ics</a>")
                .contains("InnoLeap Scheduler &lt;scheduler@innoleap.test&gt;")
                .contains("coordinator@innoleap.test");

        assertThat(get(base, "/view/doesNotExist0000000000").statusCode()).isEqualTo(404);
        assertThat(get(base, "/no/such/page").statusCode()).isEqualTo(404);
    }

    @Test
    void aRestartWithTheSameDataFolderKeepsTheMessages() throws Exception {
        sendThree();
        JsonNode before = getJson(base, "/api/v1/messages");
        String inviteId = idOf("Clinic awaiting confirmation: Smart water sensors");
        JsonNode detailBefore = getJson(base, "/api/v1/message/" + inviteId);

        catcher.stop();
        assertThat(catcher.isRunning()).isFalse();
        catcher = new MailCatcher(dataDir, 0, 0).start();
        base = catcher.httpUri();

        JsonNode after = getJson(base, "/api/v1/messages");
        assertThat(after.get("total").asInt()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            JsonNode b = before.get("messages").get(i);
            JsonNode a = after.get("messages").get(i);
            assertThat(a.get("ID")).isEqualTo(b.get("ID"));
            assertThat(a.get("Created")).isEqualTo(b.get("Created"));
            assertThat(a.get("Subject")).isEqualTo(b.get("Subject"));
            assertThat(a.get("From")).isEqualTo(b.get("From"));
            assertThat(a.get("To")).isEqualTo(b.get("To"));
        }
        JsonNode detailAfter = getJson(base, "/api/v1/message/" + inviteId);
        assertThat(detailAfter.get("Text")).isEqualTo(detailBefore.get("Text"));
        assertThat(detailAfter.get("HTML")).isEqualTo(detailBefore.get("HTML"));
        assertThat(detailAfter.get("Attachments")).isEqualTo(detailBefore.get("Attachments"));

        // New mail after the restart is the newest.
        send(TestMail.plainText(TestMail.session(catcher.smtpPort()), "After restart"));
        awaitTotal(4);
        assertThat(subjects(getJson(base, "/api/v1/messages")).get(0)).isEqualTo("After restart");
    }

    @Test
    void deleteClearsTheMailboxAndItsFiles() throws Exception {
        sendThree();
        String plainId = idOf("Problem statement published");

        HttpResponse<String> one = TestMail.request(HttpRequest.newBuilder(base.resolve("/api/v1/messages"))
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"IDs\":[\"" + plainId + "\"]}")));
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(subjects(getJson(base, "/api/v1/messages"))).containsExactly(
                "Sharing day agenda \u2013 Water & Sustainability", "Clinic awaiting confirmation: Smart water sensors");

        HttpResponse<String> all = TestMail.request(HttpRequest.newBuilder(base.resolve("/api/v1/messages")).DELETE());
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(total(base)).isZero();
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }

        catcher.stop();
        catcher = new MailCatcher(dataDir, 0, 0).start();
        base = catcher.httpUri();
        assertThat(total(base)).isZero();

        // The page's "Delete all" button does the same.
        send(TestMail.plainText(TestMail.session(catcher.smtpPort()), "One more"));
        awaitTotal(1);
        HttpResponse<String> clear = TestMail.request(HttpRequest.newBuilder(base.resolve("/clear"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(clear.statusCode()).isEqualTo(303);
        assertThat(clear.headers().firstValue("Location")).contains("/");
        assertThat(total(base)).isZero();
    }

    @Test
    void aTakenPortGivesAClearErrorAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> new MailCatcher(dataDir.resolve("a"), port, 0).start())
                    .isInstanceOf(MailCatcher.PortInUseException.class)
                    .hasMessageContaining("SMTP port " + port)
                    .hasMessageContaining("already in use")
                    .satisfies(e -> assertThat(((MailCatcher.PortInUseException) e).port()).isEqualTo(port));
            assertThatThrownBy(() -> new MailCatcher(dataDir.resolve("b"), 0, port).start())
                    .isInstanceOf(MailCatcher.PortInUseException.class)
                    .hasMessageContaining("HTTP port " + port);
        }
        // The failed starts released what they had opened: the running catcher is unaffected and a
        // new one on fresh ports starts.
        try (MailCatcher other = new MailCatcher(dataDir.resolve("c"), 0, 0).start()) {
            assertThat(total(other.httpUri())).isZero();
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A bare SMTP dialogue, to see what the server itself offers and accepts. */
    private static final class Smtp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final Writer out;

        Smtp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            assertThat(reply()).startsWith("220");
        }

        String ehlo() throws IOException {
            return command("EHLO test.local");
        }

        /** Sends one line and returns the whole (possibly multi-line) reply. */
        String command(String line) throws IOException {
            out.write(line + "\r\n");
            out.flush();
            return reply();
        }

        void sendMail(String subject) throws IOException {
            assertThat(command("MAIL FROM:<scheduler@innoleap.test>")).startsWith("250");
            assertThat(command("RCPT TO:<coordinator@innoleap.test>")).startsWith("250");
            assertThat(command("DATA")).startsWith("354");
            assertThat(command("From: scheduler@innoleap.test\r\nTo: coordinator@innoleap.test\r\nSubject: " + subject
                    + "\r\n\r\nHello.\r\n.")).startsWith("250");
        }

        private String reply() throws IOException {
            StringBuilder reply = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed; reply so far: " + reply);
                }
                reply.append(line).append('\n');
            } while (line.length() > 3 && line.charAt(3) == '-');
            return reply.toString();
        }

        @Override
        public void close() throws IOException {
            try {
                command("QUIT");
            } finally {
                socket.close();
            }
        }
    }
}
