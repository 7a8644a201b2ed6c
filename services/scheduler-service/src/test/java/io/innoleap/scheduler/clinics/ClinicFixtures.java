package io.innoleap.scheduler.clinics;

import io.innoleap.testkit.MailParts;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.EventEnvelope;
import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.contracts.events.Organisation;
import io.innoleap.contracts.events.OrganisationType;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.testkit.TestKafka;
import io.innoleap.testkit.TestOidc;
import io.innoleap.testkit.TestSmtp;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helpers: feeds the scheduler's read model through the real topics, as problem-service,
 * solution-service and the matcher would; plain HTTP calls; reading mails.
 */
public final class ClinicFixtures {

    static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    static final Pattern LINK = Pattern.compile("(https?://[^\\s\"'<>]+/clinics/confirmations/([A-Za-z0-9_-]{43}))");

    private ClinicFixtures() {
    }

    /** A problem statement with its agency contact and its matched companies, best first. */
    record Seeded(UUID problemId, String agencyCode, String agencyContactEmail, String title,
                  List<UUID> profilesBestFirst, List<String> organisationNames, List<String> companyEmails) {
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Publishes an OPEN problem statement of a unique agency, {@code companies} ACTIVE profiles and
     * matches with falling scores (so the first profile is the best match), then waits until the
     * scheduler's read model holds them all.
     */
    static Seeded seed(JsonMapper json, ReadModel readModel, String tag, int companies) {
        UUID problemId = UUID.randomUUID();
        String agencyCode = ("A" + tag + UUID.randomUUID().toString().substring(0, 4)).toUpperCase();
        String agencyEmail = "contact-" + tag + "-" + problemId.toString().substring(0, 8) + "@agency.example";
        Instant now = Instant.now();
        String title = "Predicting bus bunching on trunk routes (" + tag + ")";
        ProblemStatementSnapshot problem = new ProblemStatementSnapshot(problemId,
                new Agency(agencyCode, "Agency " + tag, "transport"), title,
                "Buses on trunk routes arrive in bunches and riders wait far longer than the timetable says.",
                List.of("smart-cities", "transport"), Horizon.IMMEDIATE_OPERATIONAL,
                new Contact("Tan Wei Ling", agencyEmail), ProblemStatementStatus.OPEN, 1, now, now);
        List<UUID> profiles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, json, Topics.PROBLEM_STATEMENTS_NAME, problemId.toString(), ProblemStatementSnapshot.PUBLISHED, problem);
            for (int i = 0; i < companies; i++) {
                UUID id = UUID.randomUUID();
                String name = "Company " + (char) ('A' + i) + " " + tag;
                String email = "company" + i + "-" + tag + "-" + id.toString().substring(0, 8) + "@provider.example";
                profiles.add(id);
                names.add(name);
                emails.add(email);
                SolutionProfileSnapshot profile = new SolutionProfileSnapshot(id,
                        new Organisation(name, OrganisationType.COMMERCIAL, null), "Solution " + i,
                        "Real-time headway control for bus fleets using computer vision.", List.of("smart-cities"),
                        List.of("bus"), 7, new Contact("Person " + i, email), SolutionProfileStatus.ACTIVE, 1, now, now);
                send(producer, json, Topics.SOLUTION_PROFILES_NAME, id.toString(), SolutionProfileSnapshot.REGISTERED, profile);
                MatchSnapshot match = new MatchSnapshot(problemId, id, 0.9 - i * 0.1, i + 1, List.of("smart-cities"),
                        List.of("bus"), true, 1, now);
                send(producer, json, Topics.MATCHES_NAME, match.key(), MatchSnapshot.PROPOSED, match);
            }
            producer.flush();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                readModel.problemStatement(problemId).isPresent()
                        && readModel.matchesFor(List.of(problemId)).get(problemId).size() == companies);
        return new Seeded(problemId, agencyCode, agencyEmail, title, profiles, names, emails);
    }

    /** Publishes the problem statement again as CLOSED (version 2) and waits until the read model has it. */
    static void close(JsonMapper json, ReadModel readModel, Seeded seeded) {
        Instant now = Instant.now();
        ProblemStatementSnapshot closed = new ProblemStatementSnapshot(seeded.problemId(),
                new Agency(seeded.agencyCode(), "Agency", "transport"), seeded.title(),
                "Buses on trunk routes arrive in bunches and riders wait far longer than the timetable says.",
                List.of("smart-cities"), Horizon.IMMEDIATE_OPERATIONAL, new Contact("Tan", seeded.agencyContactEmail()),
                ProblemStatementStatus.CLOSED, 2, now, now);
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, json, Topics.PROBLEM_STATEMENTS_NAME, seeded.problemId().toString(), ProblemStatementSnapshot.CLOSED, closed);
            producer.flush();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                readModel.problemStatement(seeded.problemId()).map(p -> !p.isOpen()).orElse(false));
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static void send(KafkaProducer<String, String> producer, JsonMapper json, String topic, String key, String type,
                             Object snapshot) {
        try {
            producer.send(new ProducerRecord<>(topic, key, json.writeValueAsString(EventEnvelope.of(type, Instant.now(), snapshot)))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- HTTP

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * A plain HTTP call. Calls to {@code /api/...} carry the programme office's token (the tests act as
     * the office); the confirmation links carry none, as a person's browser would not.
     */
    static HttpResponse<String> send(String method, URI uri, String body, String contentType) {
        return send(method, uri, body, contentType, uri.getPath().startsWith("/api/") ? "office" : null);
    }

    /** A plain HTTP call as a test user ({@code null}: no token). */
    static HttpResponse<String> send(String method, URI uri, String body, String contentType, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (user != null) {
            b.header("Authorization", TestOidc.get().bearer(user));
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> json(JsonMapper json, HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), MAP);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String slotJson(String name, String email, Instant startsAt, int minutes) {
        return "{\"coordinator\":{\"name\":\"" + name + "\",\"email\":\"" + email + "\"},\"startsAt\":\"" + startsAt
                + "\",\"durationMinutes\":" + minutes + "}";
    }

    static String clinicJson(UUID problemId, Object slotId) {
        return "{\"problemStatementId\":\"" + problemId + "\",\"slotId\":\"" + slotId + "\"}";
    }

    // ---- Mail

    static String text(MimeMessage message) {
        return MailParts.text(message);
    }

    /** Waits for the mail to {@code address} whose subject contains {@code subjectPart}. */
    public static MimeMessage awaitMail(String address, String subjectPart) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> mailsTo(address, subjectPart).size() >= 1);
        return mailsTo(address, subjectPart).get(0);
    }

    static List<MimeMessage> mailsTo(String address, String subjectPart) {
        return TestSmtp.get().messagesTo(address).stream().filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(subjectPart);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** The confirmation link in a mail's text part. */
    public static String link(MimeMessage message) {
        Matcher m = LINK.matcher(text(message));
        if (!m.find()) {
            throw new AssertionError("no confirmation link in the mail");
        }
        return m.group(1);
    }

    static String eventType(JsonMapper json, ConsumerRecord<String, String> r) {
        try {
            return String.valueOf(json.readValue(r.value(), MAP).get("type"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> eventData(JsonMapper json, ConsumerRecord<String, String> r) {
        try {
            return (Map<String, Object>) json.readValue(r.value(), MAP).get("data");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
