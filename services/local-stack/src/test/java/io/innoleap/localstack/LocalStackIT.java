package io.innoleap.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end, over HTTP only, against the local stack started as a person starts it
 * ({@code ./innoleap-local}, separate processes, its own ports and data folder): an agency posts
 * problem statements, providers register, the matcher ranks them, a coordinator plans a workshop,
 * builds a sharing day and books a clinic, confirms it through the link mailed to the mail catcher,
 * the .ics invitation arrives; then the stack is stopped and started again and the data is still there.
 *
 * <p>A service whose module does not build a runnable service jar yet is not started by the
 * launcher; the steps that need it then fail, naming what is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final Duration EVENTUAL = Duration.ofSeconds(60);
    private static final ZoneId SINGAPORE = ZoneId.of("Asia/Singapore");
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://[^\\s\"<>]+/clinics/confirmations/[A-Za-z0-9_\\-]+");

    private static Path work;
    private static RunningStack stack;
    private static final Map<String, String> problemIds = new LinkedHashMap<>();
    private static final Map<String, String> profileIds = new LinkedHashMap<>();
    private static String clinicId;
    private static String confirmedLink;
    private static int mailsBeforeRestart;

    @BeforeAll
    static void workFolder() throws IOException {
        work = Path.of("target", "local-stack-it").toAbsolutePath();
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work);
        for (ServiceSpec s : ServiceSpec.ALL) {
            System.out.println(s.name() + ": " + s.jarState(RunningStack.ROOT));
        }
    }

    @AfterAll
    static void stopStack() throws InterruptedException {
        if (stack != null) {
            try {
                stack.stop();
            } finally {
                stack.close();
            }
        }
    }

    /** What the launcher started (it skips a service whose module does not build a runnable jar yet). */
    private static final java.util.Set<String> running = new java.util.HashSet<>();

    private static boolean runs(String label) {
        return running.contains(label);
    }

    /** Every service is built now: one the launcher did not start is a failure, not a skip. */
    private static void requireRunning(String label) {
        assertTrue(runs(label), ServiceSpec.byLabel(label).name()
                + " was not started by the launcher (its module does not build a runnable service jar)");
    }

    private static RunningStack stack() {
        assertThat(stack).as("the local stack is running (see stackComesUpHealthy)").isNotNull();
        return stack;
    }

    @Test
    @Order(1)
    void aTakenPortGetsOneClearLineAndNoStackTrace() throws Exception {
        Map<String, Integer> ports = RunningStack.freePorts();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(ports.get("mail")));
            Process p = new ProcessBuilder(RunningStack.command(work.resolve("taken-port"), ports))
                    .directory(RunningStack.ROOT.toFile()).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as(out).isEqualTo(2);
            assertThat(out).contains("port " + ports.get("mail") + " (mail catcher web page and API) is already in use")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    @Order(2)
    void stackComesUpHealthy() throws Exception {
        stack = new RunningStack(work.resolve("data"), work.resolve("launcher-1.log"), RunningStack.freePorts())
                .start(Duration.ofSeconds(200));
        String out = stack.output();
        assertThat(out).contains("starting Kafka broker", "Kafka ready", "mail catcher ready");
        for (ServiceSpec s : ServiceSpec.ALL) {
            if (out.contains("skipping " + s.name())) {
                System.out.println("NOT COVERED: " + s.name() + " was not started by the launcher: " + out.lines()
                        .filter(l -> l.contains("skipping " + s.name())).findFirst().orElse(""));
                continue;
            }
            running.add(s.label());
            String base = stack.url(s.label());
            assertThat(out).contains(s.name() + " healthy in").contains("[" + String.format("%-9s", s.label()) + "]");
            assertThat(Http.get(base + "/health").status()).isEqualTo(200);
            assertThat(Http.get(base + "/swagger-ui/index.html").status()).isEqualTo(200);
            assertThat(Http.get(base + "/prometheus").status()).isEqualTo(200);
            assertThat(stack.dataDir.resolve("logs").resolve(s.name() + ".log")).isNotEmptyFile();
        }
        assertThat(Http.get(stack.url("mail") + "/api/v1/messages").json().path("messages").isArray()).isTrue();
        assertThat(Files.list(stack.dataDir.resolve("problem-service")).map(p -> p.getFileName().toString()))
                .as("H2 files of problem-service in the stack's data folder").anyMatch(n -> n.startsWith("problem-service"));
    }

    @Test
    @Order(3)
    void agencyPublishesProblemStatements() {
        String base = stack().url("problem") + "/api/problem-statements";
        for (JsonNode statement : demo("problemStatements", "title",
                "Spotting scam messages before residents lose money",
                "Forecasting platform crowding at MRT interchanges",
                "Personalised practice for secondary school mathematics")) {
            Http.Reply r = Http.postJson(base, statement);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            JsonNode body = r.json();
            assertThat(body.path("status").asText()).isEqualTo("OPEN");
            problemIds.put(body.path("title").asText(), body.path("id").asText());
        }
        String scamId = problemIds.get("Spotting scam messages before residents lose money");
        Http.Reply one = Http.get(base + "/" + scamId);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("themes")).extracting(JsonNode::asText).contains("public-safety", "cybersecurity");
        Http.Reply list = Http.get(base + "?agency=SPF");
        assertThat(list.json().path("items")).extracting(i -> i.path("id").asText()).containsExactly(scamId);

        Http.Reply bad = Http.postJson(base, "{\"title\":\"x\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(4)
    void providersRegisterSolutionProfiles() {
        requireRunning("solution");
        String base = stack().url("solution") + "/api/solution-profiles";
        for (JsonNode profile : demo("solutionProfiles", "solutionName", "TextGuard", "PlatformPulse", "PracticePath",
                "Harbour Landing Zone", "ClearSummary")) {
            Http.Reply r = Http.postJson(base, profile);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.json().path("status").asText()).isEqualTo("ACTIVE");
            profileIds.put(r.json().path("solutionName").asText(), r.json().path("id").asText());
        }
        Http.Reply list = Http.get(base + "?theme=public-safety");
        assertThat(list.json().path("items")).extracting(i -> i.path("solutionName").asText())
                .contains("TextGuard", "ClearSummary").doesNotContain("PlatformPulse");
    }

    @Test
    @Order(5)
    void matcherRanksProvidersForEachProblem() {
        requireRunning("solution");
        requireRunning("matcher");
        String matches = stack().url("matcher") + "/api/matches";
        String scamId = problemIds.get("Spotting scam messages before residents lose money");
        AtomicReference<JsonNode> items = new AtomicReference<>();
        await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Http.Reply r = Http.get(matches + "?problemStatementId=" + scamId + "&limit=10");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("items")).extracting(i -> i.path("solutionProfileId").asText())
                    .contains(profileIds.get("TextGuard"), profileIds.get("ClearSummary"));
            items.set(r.json().path("items"));
        });
        JsonNode best = items.get().get(0);
        assertThat(best.path("solutionProfileId").asText()).isEqualTo(profileIds.get("TextGuard"));
        assertThat(best.path("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(best.path("sharedThemes")).extracting(JsonNode::asText).contains("public-safety");
        assertThat(items.get()).extracting(i -> i.path("solutionProfileId").asText())
                .as("no shared theme, no match").doesNotContain(profileIds.get("PlatformPulse"));

        String mathsId = problemIds.get("Personalised practice for secondary school mathematics");
        await().atMost(EVENTUAL).untilAsserted(() -> assertThat(Http.get(matches + "?problemStatementId=" + mathsId).json()
                .path("items")).extracting(i -> i.path("solutionProfileId").asText()).contains(profileIds.get("PracticePath")));
        Http.Reply byProfile = Http.get(matches + "?solutionProfileId=" + profileIds.get("PlatformPulse"));
        assertThat(byProfile.json().path("items")).extracting(i -> i.path("problemStatementId").asText())
                .contains(problemIds.get("Forecasting platform crowding at MRT interchanges"));
        assertThat(Http.get(matches + "?problemStatementId=" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    /**
     * A step whose endpoint the service does not serve fails and says so. Micronaut answers an unknown route with 404 "Page Not Found" (405 when only another
     * method exists); an endpoint that exists answers an empty body with 400.
     */
    private static void requireEndpoint(String service, String path) {
        Http.Reply r = Http.postJson(stack().url(service) + path, "{}");
        boolean missing = r.status() == 405 || (r.status() == 404 && r.body().contains("Page Not Found"));
        assertTrue(!missing, ServiceSpec.byLabel(service).name() + " does not serve POST " + path);
    }

    @Test
    @Order(6)
    void coordinatorPlansAThematicWorkshop() {
        requireRunning("solution");
        requireRunning("matcher");
        requireRunning("scheduler");
        requireEndpoint("scheduler", "/api/workshops/plan");
        String scheduler = stack().url("scheduler");
        LocalDate today = LocalDate.now(SINGAPORE);

        ObjectNode plan = Http.JSON.createObjectNode().put("notBefore", today.plusWeeks(4).toString());
        Http.Reply workshop = eventually(() -> Http.postJson(scheduler + "/api/workshops/plan", plan), 201);
        JsonNode w = workshop.json();
        assertThat(w.path("id").asText()).isNotBlank();
        assertThat(w.path("theme").asText()).isNotBlank();
        LocalDate day = OffsetDateTime.parse(w.path("startsAt").asText()).atZoneSameInstant(SINGAPORE).toLocalDate();
        assertThat(day).isAfterOrEqualTo(today.plusWeeks(4));
        assertThat(day.getDayOfWeek().getValue()).as("a weekday").isLessThanOrEqualTo(5);
        assertThat(Http.get(scheduler + "/api/workshops/" + w.path("id").asText()).status()).isEqualTo(200);
        // Participants: the agencies with open statements on the planned theme, each with those statements.
        String theme = w.path("theme").asText();
        java.util.Set<String> expectedAgencies = new java.util.TreeSet<>();
        java.util.Set<String> expectedStatements = new java.util.TreeSet<>();
        for (JsonNode st : demo("problemStatements", "title", problemIds.keySet().toArray(String[]::new))) {
            if (StreamSupport.stream(st.path("themes").spliterator(), false).anyMatch(t -> t.asText().equals(theme))) {
                expectedAgencies.add(st.path("agency").path("code").asText());
                expectedStatements.add(problemIds.get(st.path("title").asText()));
            }
        }
        assertThat(expectedAgencies).as("the planned theme is one our statements need").isNotEmpty();
        java.util.Set<String> agencies = new java.util.TreeSet<>();
        java.util.Set<String> statements = new java.util.TreeSet<>();
        w.path("participants").forEach(p -> {
            agencies.add(p.path("agency").path("code").asText());
            p.path("problemStatements").forEach(st -> statements.add(st.path("id").asText()));
        });
        assertThat(agencies).isEqualTo(expectedAgencies);
        assertThat(statements).isEqualTo(expectedStatements);
        assertThat(w.path("invitedProviders")).extracting(i -> i.path("solutionProfileId").asText())
                .isNotEmpty().isSubsetOf(profileIds.values());
    }

    @Test
    @Order(7)
    void coordinatorBuildsASharingDay() {
        requireRunning("solution");
        requireRunning("matcher");
        requireRunning("scheduler");
        requireEndpoint("scheduler", "/api/sharing-days");
        String scheduler = stack().url("scheduler");
        LocalDate today = LocalDate.now(SINGAPORE);
        ObjectNode sharing = Http.JSON.createObjectNode().put("theme", "public-safety");
        sharing.putObject("audience").putArray("agencyCodes").add("SPF");
        sharing.put("date", weekday(today.plusWeeks(6)).toString()).put("startTime", "09:30")
                .put("presentationMinutes", 20).put("consultationMinutes", 60).put("maxPresenters", 6);
        Http.Reply created = eventually(() -> Http.postJson(scheduler + "/api/sharing-days", sharing), 201);
        List<JsonNode> slots = objectsWith(created.json(), "solutionProfileId", "startsAt", "endsAt");
        assertThat(slots).extracting(s -> s.path("solutionProfileId").asText()).contains(profileIds.get("TextGuard"))
                .doesNotContain(profileIds.get("PracticePath")).doesNotHaveDuplicates();
        for (int i = 1; i < slots.size(); i++) {
            assertThat(OffsetDateTime.parse(slots.get(i).path("startsAt").asText()))
                    .as("each presenter has its own slot, one after the other")
                    .isAfterOrEqualTo(OffsetDateTime.parse(slots.get(i - 1).path("endsAt").asText()));
        }
        assertThat(Http.get(scheduler + "/api/sharing-days/" + created.json().path("id").asText()).status()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void clinicIsConfirmedThroughTheMailedLinkAndTheInvitationArrives() {
        requireRunning("solution");
        requireRunning("matcher");
        requireRunning("scheduler");
        requireEndpoint("scheduler", "/api/clinic-slots");
        requireEndpoint("scheduler", "/api/clinics");
        String scheduler = stack().url("scheduler");
        String mail = stack().url("mail");
        String coordinator = "coordinator-" + UUID.randomUUID().toString().substring(0, 8) + "@innoleap-programme.example";
        ObjectNode slotBody = Http.JSON.createObjectNode();
        slotBody.putObject("coordinator").put("name", "Nur Aisyah binte Rahman").put("email", coordinator);
        slotBody.put("startsAt", weekday(LocalDate.now(SINGAPORE).plusDays(14)).atTime(10, 0).atZone(SINGAPORE)
                .toOffsetDateTime().toString()).put("durationMinutes", 60);
        Http.Reply slot = Http.postJson(scheduler + "/api/clinic-slots", slotBody);
        assertThat(slot.status()).as(slot.toString()).isEqualTo(201);
        String slotId = slot.json().path("id").asText();
        assertThat(Http.get(scheduler + "/api/clinic-slots?available=true").body()).contains(slotId);

        String scamId = problemIds.get("Spotting scam messages before residents lose money");
        ObjectNode booking = Http.JSON.createObjectNode().put("problemStatementId", scamId).put("slotId", slotId);
        Http.Reply clinic = eventually(() -> Http.postJson(scheduler + "/api/clinics", booking), 201);
        clinicId = clinic.json().path("id").asText();
        assertThat(clinic.json().path("status").asText()).isEqualTo("PENDING_CONFIRMATION");
        assertThat(Http.postJson(scheduler + "/api/clinics", booking).status()).as("the slot holds one clinic").isEqualTo(409);

        // The coordinator reads the mail in the catcher (the same API as Mailpit's).
        JsonNode message = awaitMail(mail, coordinator, m -> true);
        String text = message.path("Text").asText() + "\n" + message.path("HTML").asText();
        Matcher link = CONFIRM_LINK.matcher(text);
        assertThat(link.find()).as("a confirmation link in: " + text).isTrue();
        String url = link.group();
        assertThat(url).startsWith("http://localhost:" + stack().ports.get("scheduler") + "/clinics/confirmations/");

        Http.Reply page = Http.get(url);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form").contains("CONFIRM").contains("DECLINE");
        assertThat(Http.get(scheduler + "/api/clinics/" + clinicId).json().path("status").asText())
                .as("opening the link changes nothing").isEqualTo("PENDING_CONFIRMATION");

        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(page.body());
        String target = action.find() ? URI.create(url).resolve(action.group(1).replace("&amp;", "&")).toString() : url;
        Http.Reply confirmed = Http.postForm(target, "decision=CONFIRM");
        assertThat(confirmed.status()).as(confirmed.toString()).isIn(200, 303);
        assertThat(Http.get(scheduler + "/api/clinics/" + clinicId).json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(Http.get(url).status()).as("the link is single-use").isIn(404, 410);
        assertThat(Http.postForm(target, "decision=DECLINE").status()).isIn(404, 410);
        confirmedLink = url;

        // The agency contact gets the calendar invitation.
        String agencyContact = "daniel.ng@spf.example";
        JsonNode invitation = awaitMail(mail, agencyContact, m -> m.path("Attachments").asInt() > 0);
        JsonNode ics = StreamSupport.stream(invitation.path("Attachments").spliterator(), false)
                .filter(a -> a.path("ContentType").asText().startsWith("text/calendar")
                        || a.path("FileName").asText().endsWith(".ics"))
                .findFirst().orElseThrow(() -> new AssertionError("no .ics in " + invitation));
        Http.Reply part = Http.get(mail + "/api/v1/message/" + invitation.path("ID").asText() + "/part/" + ics.path("PartID").asText());
        assertThat(part.body()).contains("BEGIN:VCALENDAR", "BEGIN:VEVENT");
        mailsBeforeRestart = Http.get(mail + "/api/v1/messages").json().path("total").asInt();
    }

    @Test
    @Order(9)
    void stopIsOrderedAndARestartKeepsTheData() throws Exception {
        RunningStack first = stack();
        int code = first.stop();
        String out = first.output();
        assertThat(code).as(RunningStack.tail(out)).isZero();
        int services = out.indexOf("problem-service stopped");
        int broker = out.indexOf("Kafka broker stopped");
        int mail = out.indexOf("mail catcher stopped");
        assertThat(services).isPositive().isLessThan(broker);
        assertThat(broker).isLessThan(mail);
        stack = null;

        stack = new RunningStack(first.dataDir, work.resolve("launcher-2.log"), first.ports).start(Duration.ofSeconds(200));
        for (Map.Entry<String, String> e : problemIds.entrySet()) {
            Http.Reply r = Http.get(stack.url("problem") + "/api/problem-statements/" + e.getValue());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("title").asText()).isEqualTo(e.getKey());
        }
        if (runs("solution")) {
            for (String id : profileIds.values()) {
                assertThat(Http.get(stack.url("solution") + "/api/solution-profiles/" + id).status()).isEqualTo(200);
            }
        }
        if (runs("matcher") && runs("solution")) {
            String scamId = problemIds.get("Spotting scam messages before residents lose money");
            assertThat(Http.get(stack.url("matcher") + "/api/matches?problemStatementId=" + scamId).json().path("items"))
                    .extracting(i -> i.path("solutionProfileId").asText()).contains(profileIds.get("TextGuard"));
        }
        if (clinicId != null) {
            assertThat(Http.get(stack.url("scheduler") + "/api/clinics/" + clinicId).json().path("status").asText())
                    .isEqualTo("CONFIRMED");
            assertThat(Http.get(confirmedLink).status()).isIn(404, 410);
        }
        assertThat(Http.get(stack.url("mail") + "/api/v1/messages").json().path("total").asInt())
                .isGreaterThanOrEqualTo(mailsBeforeRestart);

        // Kafka kept its topics: a statement posted after the restart still reaches the matcher.
        if (runs("matcher") && runs("solution")) {
            JsonNode exams = demo("problemStatements", "title", "Verifying candidates' identity in online examinations").get(0);
            Http.Reply posted = Http.postJson(stack.url("problem") + "/api/problem-statements", exams);
            assertThat(posted.status()).isEqualTo(201);
            String id = posted.json().path("id").asText();
            await().atMost(EVENTUAL).untilAsserted(() -> assertThat(
                    Http.get(stack.url("matcher") + "/api/matches?problemStatementId=" + id).json().path("items"))
                    .extracting(i -> i.path("solutionProfileId").asText()).contains(profileIds.get("PracticePath")));
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static List<JsonNode> demo(String collection, String field, String... values) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode all = DemoData.dataSet().get(collection);
        for (String v : values) {
            out.add(StreamSupport.stream(all.spliterator(), false).filter(n -> n.path(field).asText().equals(v))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + v + " in demo-data.json")));
        }
        return out;
    }

    /** The scheduler learns statements and matches from Kafka shortly after they are posted. */
    private static Http.Reply eventually(java.util.function.Supplier<Http.Reply> call, int expected) {
        AtomicReference<Http.Reply> last = new AtomicReference<>();
        await().atMost(EVENTUAL).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            last.set(call.get());
            assertThat(last.get().status()).as(last.get().toString()).isEqualTo(expected);
        });
        return last.get();
    }

    private static JsonNode awaitMail(String mail, String to, java.util.function.Predicate<JsonNode> also) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode list = Http.get(mail + "/api/v1/messages?limit=200").json().path("messages");
            JsonNode hit = null;
            for (JsonNode m : list) {
                boolean toHim = StreamSupport.stream(m.path("To").spliterator(), false)
                        .anyMatch(a -> a.path("Address").asText().equalsIgnoreCase(to));
                if (toHim && also.test(m)) {
                    hit = m;
                    break;
                }
            }
            assertThat(hit).as("a mail to " + to + " among " + list.size()).isNotNull();
            found.set(Http.get(mail + "/api/v1/message/" + hit.path("ID").asText()).json());
        });
        return found.get();
    }

    private static List<JsonNode> objectsWith(JsonNode node, String... fields) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isObject()) {
            boolean all = true;
            for (String f : fields) {
                all &= node.has(f);
            }
            if (all) {
                out.add(node);
            }
        }
        node.forEach(child -> out.addAll(objectsWith(child, fields)));
        return out;
    }

    private static LocalDate weekday(LocalDate d) {
        while (d.getDayOfWeek().getValue() > 5) {
            d = d.plusDays(1);
        }
        return d;
    }
}
