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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, over HTTP only, against the local stack started as a person starts it
 * ({@code ./innoleap-local}, separate processes, its own ports and data folder), each call made as the
 * demo user the API contract's rules call for, with a token from the stack's identity provider (password grant):
 * agencies post problem statements, providers register, the matcher ranks them, the programme office
 * plans a workshop and builds a sharing day, a coordinator publishes a slot, the agency books a clinic,
 * the coordinator confirms it through the link mailed to the mail catcher, the .ics invitation arrives;
 * a call without a token gets 401 and another agency's update 403; then the stack is stopped and
 * started again, the data is still there and tokens from before the restart are still accepted.
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
    private static Tokens tokens;
    private static String ltaTokenBeforeRestart;
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

    private static RunningStack stack() {
        assertThat(stack).as("the local stack is running (see stackComesUpHealthy)").isNotNull();
        return stack;
    }

    /** An access token of a demo user, from the running stack's identity provider. */
    private static String as(String user) {
        return tokens.of(user);
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
        tokens = new Tokens(stack.issuer());
        String out = stack.output();
        assertThat(out).contains("starting Kafka broker", "Kafka ready", "mail catcher ready",
                "identity provider ready", "issuer " + stack.issuer());
        JsonNode discovery = Http.get(stack.issuer() + "/.well-known/openid-configuration").json();
        assertThat(discovery.path("issuer").asText()).isEqualTo(stack.issuer());
        assertThat(stack.dataDir.resolve("oidc").resolve("signing-key.json")).as("the provider's key, kept with the data")
                .isNotEmptyFile();
        for (ServiceSpec s : ServiceSpec.ALL) {
            String base = stack.url(s.label());
            assertThat(out).contains(s.name() + " healthy in").contains("[" + String.format("%-9s", s.label()) + "]");
            assertThat(Http.get(base + "/health").status()).isEqualTo(200);
            assertThat(Http.get(base + "/swagger-ui/index.html").status()).isEqualTo(200);
            assertThat(Http.get(base + "/prometheus", as("office")).status()).isEqualTo(200);
            assertThat(stack.dataDir.resolve("logs").resolve(s.name() + ".log")).isNotEmptyFile();
        }
        assertThat(Http.get(stack.url("mail") + "/api/v1/messages").json().path("messages").isArray()).isTrue();
        assertThat(out).contains("MariaDB ready in");
        for (ServiceSpec s : ServiceSpec.ALL) {
            assertThat(stack.dataDir.resolve("mariadb").resolve("data").resolve(LocalStack.databaseOf(s)))
                    .as("the database of " + s.name() + " on the stack's MariaDB, in its data folder").isDirectory();
        }
        try (var files = Files.list(stack.dataDir.resolve("problem-service"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no H2 file any more")
                    .noneMatch(n -> n.endsWith(".mv.db"));
        }
    }

    @Test
    @Order(3)
    void theTokenCommandPrintsATokenTheServicesAccept() throws Exception {
        Process p = new ProcessBuilder(RunningStack.ROOT.resolve("innoleap-local").toString(), "token", "lta",
                "--port", "oidc=" + stack().ports.get("oidc")).directory(RunningStack.ROOT.toFile()).start();
        long t0 = System.nanoTime();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String token = new String(p.getInputStream().readAllBytes()).strip();
        String err = new String(p.getErrorStream().readAllBytes());
        System.out.printf("./innoleap-local token lta took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(token).as("one line, the token only").doesNotContain("\n").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        JsonNode claims = Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("iss").asText()).isEqualTo(stack().issuer());
        assertThat(claims.path("agency").asText()).isEqualTo("LTA");
        assertThat(Http.get(stack().url("problem") + "/api/problem-statements", token).status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void agenciesPublishProblemStatementsAsThemselves() {
        String base = stack().url("problem") + "/api/problem-statements";
        for (JsonNode statement : demo("problemStatements", "title",
                "Spotting scam messages before residents lose money",
                "Forecasting platform crowding at MRT interchanges",
                "Personalised practice for secondary school mathematics")) {
            String owner = DemoData.ownerOfStatement(statement); // lta for LTA's; office for SPF's and MOE's
            Http.Reply r = Http.postJson(base, statement, as(owner));
            assertThat(r.status()).as(owner + ": " + r).isEqualTo(201);
            JsonNode body = r.json();
            assertThat(body.path("status").asText()).isEqualTo("OPEN");
            problemIds.put(body.path("title").asText(), body.path("id").asText());
        }
        String scamId = problemIds.get("Spotting scam messages before residents lose money");
        Http.Reply one = Http.get(base + "/" + scamId, as("nea"));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("themes")).extracting(JsonNode::asText).contains("public-safety", "cybersecurity");
        Http.Reply list = Http.get(base + "?agency=SPF", as("aurora"));
        assertThat(list.json().path("items")).extracting(i -> i.path("id").asText()).containsExactly(scamId);

        Http.Reply bad = Http.postJson(base, "{\"title\":\"x\"}", as("lta"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(5)
    void withoutATokenIs401AndAnotherAgencysUpdateIs403() {
        String base = stack().url("problem") + "/api/problem-statements";
        String crowdingId = problemIds.get("Forecasting platform crowding at MRT interchanges");
        JsonNode statement = demo("problemStatements", "title", "Forecasting platform crowding at MRT interchanges").get(0);

        Http.Reply anonymous = Http.postJson(base, statement, null);
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(Http.get(base + "/" + crowdingId).status()).isEqualTo(401);
        assertThat(Http.get(base + "/" + crowdingId, "not-a-token").status()).isEqualTo(401);

        ObjectNode update = ((ObjectNode) statement.deepCopy()).put("version", 0);
        update.put("title", "Forecasting platform crowding, rewritten by NEA");
        Http.Reply foreign = Http.putJson(base + "/" + crowdingId, update, as("nea"));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(Http.postJson(base + "/" + crowdingId + "/withdraw", "{}", as("ura")).status()).isEqualTo(403);
        ObjectNode neaPostsForLta = (ObjectNode) statement.deepCopy();
        neaPostsForLta.put("title", "Posted by NEA in LTA's name");
        assertThat(Http.postJson(base, neaPostsForLta, as("nea")).status()).as("an agency posts for itself only").isEqualTo(403);

        Http.Reply unchanged = Http.get(base + "/" + crowdingId, as("lta"));
        assertThat(unchanged.json().path("title").asText()).isEqualTo("Forecasting platform crowding at MRT interchanges");
        assertThat(unchanged.json().path("version").asInt()).isZero();
        assertThat(unchanged.json().path("status").asText()).isEqualTo("OPEN");
        assertThat(unchanged.json().path("contact").path("email").asText()).as("the owner sees the contact")
                .isEqualTo("tan.mei.ling@lta.example");
        assertThat(Http.get(base + "/" + crowdingId, as("nea")).json().has("contact")).as("another agency does not").isFalse();
    }

    @Test
    @Order(6)
    void providersRegisterSolutionProfilesAsThemselves() {
        String base = stack().url("solution") + "/api/solution-profiles";
        JsonNode roadScan = demo("solutionProfiles", "solutionName", "RoadScan").get(0);
        assertThat(Http.postJson(base, roadScan, as("sensetech")).status()).as("a provider registers for its own UEN only")
                .isEqualTo(403);
        for (JsonNode profile : demo("solutionProfiles", "solutionName", "TextGuard", "PlatformPulse", "PracticePath",
                "Harbour Landing Zone", "ClearSummary", "RoadScan")) {
            String owner = DemoData.ownerOfProfile(profile); // aurora for RoadScan (its UEN); office for the others
            Http.Reply r = Http.postJson(base, profile, as(owner));
            assertThat(r.status()).as(owner + ": " + r).isEqualTo(201);
            assertThat(r.json().path("status").asText()).isEqualTo("ACTIVE");
            profileIds.put(r.json().path("solutionName").asText(), r.json().path("id").asText());
        }
        assertThat(DemoData.ownerOfProfile(roadScan)).isEqualTo("aurora");
        Http.Reply list = Http.get(base + "?theme=public-safety", as("lta"));
        assertThat(list.json().path("items")).extracting(i -> i.path("solutionName").asText())
                .contains("TextGuard", "ClearSummary").doesNotContain("PlatformPulse");
    }

    @Test
    @Order(7)
    void matcherRanksProvidersForEachProblem() {
        String matches = stack().url("matcher") + "/api/matches";
        String scamId = problemIds.get("Spotting scam messages before residents lose money");
        AtomicReference<JsonNode> items = new AtomicReference<>();
        await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Http.Reply r = Http.get(matches + "?problemStatementId=" + scamId + "&limit=10", as("office"));
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
        await().atMost(EVENTUAL).untilAsserted(() -> assertThat(Http.get(matches + "?problemStatementId=" + mathsId, as("coordinator")).json()
                .path("items")).extracting(i -> i.path("solutionProfileId").asText()).contains(profileIds.get("PracticePath")));
        String crowdingId = problemIds.get("Forecasting platform crowding at MRT interchanges");
        await().atMost(EVENTUAL).untilAsserted(() -> assertThat(Http.get(matches + "?solutionProfileId="
                + profileIds.get("PlatformPulse"), as("office")).json().path("items"))
                .extracting(i -> i.path("problemStatementId").asText()).contains(crowdingId));
        await().atMost(EVENTUAL).untilAsserted(() -> assertThat(Http.get(matches + "?problemStatementId=" + crowdingId,
                as("lta")).json().path("items")).extracting(i -> i.path("solutionProfileId").asText())
                .contains(profileIds.get("PlatformPulse")));
        assertThat(Http.get(matches + "?problemStatementId=" + UUID.randomUUID(), as("office")).status()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void programmeOfficePlansAThematicWorkshop() {
        String scheduler = stack().url("scheduler");
        LocalDate today = LocalDate.now(SINGAPORE);

        ObjectNode plan = Http.JSON.createObjectNode().put("notBefore", today.plusWeeks(4).toString());
        Http.Reply workshop = eventually(() -> Http.postJson(scheduler + "/api/workshops/plan", plan, as("office")), 201);
        JsonNode w = workshop.json();
        assertThat(w.path("id").asText()).isNotBlank();
        assertThat(w.path("theme").asText()).isNotBlank();
        LocalDate day = OffsetDateTime.parse(w.path("startsAt").asText()).atZoneSameInstant(SINGAPORE).toLocalDate();
        assertThat(day).isAfterOrEqualTo(today.plusWeeks(4));
        assertThat(day.getDayOfWeek().getValue()).as("a weekday").isLessThanOrEqualTo(5);
        assertThat(Http.get(scheduler + "/api/workshops/" + w.path("id").asText(), as("sensetech")).status()).isEqualTo(200);
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
    @Order(9)
    void programmeOfficeBuildsASharingDay() {
        String scheduler = stack().url("scheduler");
        LocalDate today = LocalDate.now(SINGAPORE);
        ObjectNode sharing = Http.JSON.createObjectNode().put("theme", "public-safety");
        sharing.putObject("audience").putArray("agencyCodes").add("SPF");
        sharing.put("startTime", "09:30").put("presentationMinutes", 20).put("consultationMinutes", 60).put("maxPresenters", 6);
        Http.Reply created = eventually(() -> onAWorkingDay(today.plusWeeks(6),
                day -> Http.postJson(scheduler + "/api/sharing-days", sharing.put("date", day.toString()), as("office"))), 201);
        List<JsonNode> slots = objectsWith(created.json(), "solutionProfileId", "startsAt", "endsAt");
        assertThat(slots).extracting(s -> s.path("solutionProfileId").asText()).contains(profileIds.get("TextGuard"))
                .doesNotContain(profileIds.get("PracticePath")).doesNotHaveDuplicates();
        for (int i = 1; i < slots.size(); i++) {
            assertThat(OffsetDateTime.parse(slots.get(i).path("startsAt").asText()))
                    .as("each presenter has its own slot, one after the other")
                    .isAfterOrEqualTo(OffsetDateTime.parse(slots.get(i - 1).path("endsAt").asText()));
        }
        assertThat(Http.get(scheduler + "/api/sharing-days/" + created.json().path("id").asText(), as("ura")).status())
                .isEqualTo(200);
    }

    @Test
    @Order(10)
    void clinicIsConfirmedThroughTheMailedLinkAndTheInvitationArrives() {
        String scheduler = stack().url("scheduler");
        String mail = stack().url("mail");
        // The coordinator publishes the slot as themself: the slot's coordinator is the caller.
        Tokens.DemoUser me = Tokens.demoUser("coordinator").orElseThrow();
        String coordinator = me.email();
        ObjectNode slotBody = Http.JSON.createObjectNode();
        slotBody.putObject("coordinator").put("name", me.name()).put("email", coordinator);
        slotBody.put("durationMinutes", 60);
        Http.Reply slot = onAWorkingDay(LocalDate.now(SINGAPORE).plusDays(14), day -> Http.postJson(scheduler + "/api/clinic-slots",
                slotBody.put("startsAt", day.atTime(10, 0).atZone(SINGAPORE).toOffsetDateTime().toString()), as("coordinator")));
        assertThat(slot.status()).as(slot.toString()).isEqualTo(201);
        String slotId = slot.json().path("id").asText();
        assertThat(Http.get(scheduler + "/api/clinic-slots?available=true", as("lta")).body()).contains(slotId);

        // The agency that owns the statement requests the clinic.
        String crowdingId = problemIds.get("Forecasting platform crowding at MRT interchanges");
        ObjectNode booking = Http.JSON.createObjectNode().put("problemStatementId", crowdingId).put("slotId", slotId);
        Http.Reply clinic = eventually(() -> Http.postJson(scheduler + "/api/clinics", booking, as("lta")), 201);
        clinicId = clinic.json().path("id").asText();
        assertThat(clinic.json().path("status").asText()).isEqualTo("PENDING_CONFIRMATION");
        assertThat(Http.postJson(scheduler + "/api/clinics", booking, as("lta")).status()).as("the slot holds one clinic")
                .isEqualTo(409);

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
        assertThat(Http.get(scheduler + "/api/clinics/" + clinicId, as("coordinator")).json().path("status").asText())
                .as("opening the link changes nothing").isEqualTo("PENDING_CONFIRMATION");

        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(page.body());
        String target = action.find() ? URI.create(url).resolve(action.group(1).replace("&amp;", "&")).toString() : url;
        Http.Reply confirmed = Http.postForm(target, "decision=CONFIRM");
        assertThat(confirmed.status()).as(confirmed.toString()).isIn(200, 303);
        assertThat(Http.get(scheduler + "/api/clinics/" + clinicId, as("lta")).json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(Http.get(url).status()).as("the link is single-use").isIn(404, 410);
        assertThat(Http.postForm(target, "decision=DECLINE").status()).isIn(404, 410);
        confirmedLink = url;

        // The agency contact gets the calendar invitation.
        String agencyContact = "tan.mei.ling@lta.example";
        JsonNode invitation = awaitMail(mail, agencyContact, m -> m.path("Attachments").asInt() > 0);
        JsonNode ics = StreamSupport.stream(invitation.path("Attachments").spliterator(), false)
                .filter(a -> a.path("ContentType").asText().startsWith("text/calendar")
                        || a.path("FileName").asText().endsWith(".ics"))
                .findFirst().orElseThrow(() -> new AssertionError("no .ics in " + invitation));
        Http.Reply part = Http.get(mail + "/api/v1/message/" + invitation.path("ID").asText() + "/part/" + ics.path("PartID").asText());
        assertThat(part.body()).contains("BEGIN:VCALENDAR", "BEGIN:VEVENT");
        mailsBeforeRestart = Http.get(mail + "/api/v1/messages").json().path("total").asInt();
        ltaTokenBeforeRestart = as("lta");
    }

    @Test
    @Order(11)
    void stopIsOrderedAndARestartKeepsTheDataAndTheTokens() throws Exception {
        RunningStack first = stack();
        int code = first.stop();
        String out = first.output();
        assertThat(code).as(RunningStack.tail(out)).isZero();
        int services = out.indexOf("problem-service stopped");
        int broker = out.indexOf("Kafka broker stopped");
        int oidc = out.indexOf("identity provider stopped");
        int mail = out.indexOf("mail catcher stopped");
        assertThat(services).isPositive().isLessThan(broker);
        assertThat(broker).isLessThan(oidc);
        assertThat(oidc).isLessThan(mail);
        assertThat(mail).isLessThan(out.indexOf("MariaDB stopped"));
        assertThat(out).as("a stop is no crash: nothing is restarted").doesNotContain("restarting in");
        stack = null;

        stack = new RunningStack(first.dataDir, work.resolve("launcher-2.log"), first.ports).start(Duration.ofSeconds(200));
        // The provider kept its signing key: a token from before the restart is still good.
        assertThat(ltaTokenBeforeRestart).as("a token taken before the restart").isNotNull();
        for (Map.Entry<String, String> e : problemIds.entrySet()) {
            Http.Reply r = Http.get(stack.url("problem") + "/api/problem-statements/" + e.getValue(), ltaTokenBeforeRestart);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("title").asText()).isEqualTo(e.getKey());
        }
        tokens = new Tokens(stack.issuer());
        for (String id : profileIds.values()) {
            assertThat(Http.get(stack.url("solution") + "/api/solution-profiles/" + id, as("aurora")).status()).isEqualTo(200);
        }
        String scamId = problemIds.get("Spotting scam messages before residents lose money");
        assertThat(Http.get(stack.url("matcher") + "/api/matches?problemStatementId=" + scamId, as("office")).json().path("items"))
                .extracting(i -> i.path("solutionProfileId").asText()).contains(profileIds.get("TextGuard"));
        assertThat(clinicId).as("the clinic booked before the restart").isNotNull();
        assertThat(Http.get(stack.url("scheduler") + "/api/clinics/" + clinicId, ltaTokenBeforeRestart).json()
                .path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(Http.get(confirmedLink).status()).isIn(404, 410);
        assertThat(Http.get(stack.url("mail") + "/api/v1/messages").json().path("total").asInt())
                .isGreaterThanOrEqualTo(mailsBeforeRestart);

        // Kafka kept its topics: a statement posted after the restart still reaches the matcher.
        JsonNode exams = demo("problemStatements", "title", "Verifying candidates' identity in online examinations").get(0);
        Http.Reply posted = Http.postJson(stack.url("problem") + "/api/problem-statements", exams, as(DemoData.ownerOfStatement(exams)));
        assertThat(posted.status()).isEqualTo(201);
        String id = posted.json().path("id").asText();
        await().atMost(EVENTUAL).untilAsserted(() -> assertThat(
                Http.get(stack.url("matcher") + "/api/matches?problemStatementId=" + id, as("office")).json().path("items"))
                .extracting(i -> i.path("solutionProfileId").asText()).contains(profileIds.get("PracticePath")));
    }

    /**
     * Four clients post problem statements; problem-service is killed with kill -9 mid-load; the stack
     * starts it again by itself, and every statement that was answered 201 is there afterwards and
     * reaches the matcher. (With the H2 default and its write delay, 122 of 587 were lost this way.)
     */
    @Test
    @Order(12)
    void aServiceKilledMidLoadIsRestartedAndLosesNoAcknowledgedStatement() throws Exception {
        RunningStack s = stack();
        ProcessHandle problem = s.serviceProcess("problem-service");
        WriteLoad load = underLoad("Crowding under load");
        load.awaitMoreAccepted(40, Duration.ofSeconds(60)); // load going before the fault
        long killedAt = kill(problem, load);
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(load::acceptedSinceFault);
            load.awaitMoreAccepted(20, Duration.ofSeconds(60)); // some load after the recovery as well
        } finally {
            load.stop();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> s.output().contains("problem-service healthy again"));
        assertThat(s.output()).contains("problem-service exited (137); restarting in 1 s");
        assertThat(s.serviceProcess("problem-service").pid()).isNotEqualTo(problem.pid());
        assertNothingLost("kill -9 of problem-service", load, killedAt,
                String.format(Locale.ROOT, "restart time (kill to next 201) %.1f s", load.secondsToFirstAcceptedAfterFault()));
    }

    /**
     * The broker killed with kill -9 mid-load: writes go on being acknowledged (the outbox keeps their
     * events), the stack starts the broker again, and every statement reaches the matcher afterwards.
     */
    @Test
    @Order(13)
    void aBrokerKilledMidLoadDelaysEventsAndLosesNone() throws Exception {
        RunningStack s = stack();
        ProcessHandle broker = s.childProcess("kafka.Kafka");
        int restartsBefore = s.count("Kafka broker running again");
        WriteLoad load = underLoad("Crowding, broker down");
        load.awaitMoreAccepted(40, Duration.ofSeconds(60)); // load going before the fault
        long killedAt = kill(broker, load);
        keepDown(s, "kafka.Kafka", LONG ? Duration.ofSeconds(30) : Duration.ZERO);
        int acceptedWhileDown;
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> s.count("Kafka broker running again") > restartsBefore);
            acceptedWhileDown = load.accepted() - load.acceptedBeforeFault();
            load.awaitMoreAccepted(20, Duration.ofSeconds(60)); // some load after the recovery as well
        } finally {
            load.stop();
        }
        double brokerBack = (System.nanoTime() - killedAt) / 1e9;
        assertThat(acceptedWhileDown).as("writes are acknowledged while the broker is away").isPositive();
        assertNothingLost("kill -9 of the Kafka broker", load, killedAt,
                String.format(Locale.ROOT, "acknowledged while it was down %d, broker running again within %.1f s",
                        acceptedWhileDown, brokerBack));
    }

    /**
     * The database server killed with kill -9 mid-load: writes are refused while it is away (never
     * acknowledged and then lost), it is started again (crash recovery), the services reconnect by
     * themselves, every acknowledged statement is there and reaches the matcher, and the consumers
     * waited instead of dead-lettering: no dead letters anywhere.
     */
    @Test
    @Order(14)
    void theDatabaseKilledMidLoadIsRecoveredAndNothingAcknowledgedIsLost() throws Exception {
        RunningStack s = stack();
        ProcessHandle database = s.childProcess("mariadbd");
        int restartsBefore = s.count("MariaDB running again");
        Map<String, JsonNode> deadLettersBefore = new LinkedHashMap<>();
        for (String service : List.of("matcher", "scheduler")) {
            deadLettersBefore.put(service, Http.get(s.url(service) + "/api/admin/dead-letters", as("office")).json());
        }
        WriteLoad load = underLoad("Crowding, database down");
        load.awaitMoreAccepted(40, Duration.ofSeconds(60)); // load going before the fault
        long killedAt = kill(database, load);
        keepDown(s, "mariadbd", LONG ? Duration.ofMinutes(2) : Duration.ZERO);
        try {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                    .until(() -> s.count("MariaDB running again") > restartsBefore && load.acceptedSinceFault());
            load.awaitMoreAccepted(20, Duration.ofSeconds(60)); // some load after the recovery as well
        } finally {
            load.stop();
        }
        assertNothingLost("kill -9 of MariaDB", load, killedAt,
                String.format(Locale.ROOT, "writes acknowledged again %.1f s after the kill", load.secondsToFirstAcceptedAfterFault()));
        for (String service : List.of("matcher", "scheduler")) {
            assertThat(Http.get(s.url(service) + "/api/admin/dead-letters", as("office")).json())
                    .as(service + ": consumers wait for the database instead of dead-lettering")
                    .isEqualTo(deadLettersBefore.get(service));
        }
    }

    /**
     * A record no consumer can ever process (not JSON) on each consumed topic: each service that
     * consumes the topic (matcher and scheduler for the intake topics, the scheduler for matches)
     * dead-letters it once, with the error in headers, and goes on: a statement posted after the
     * poison records reaches the matcher and its matches reach the scheduler.
     */
    @Test
    @Order(15)
    void aPoisonRecordIsDeadLetteredOnceByEachConsumerWhichMovesOn() throws Exception {
        RunningStack s = stack();
        Map<String, Integer> consumers = new LinkedHashMap<>(); // topic -> services consuming it
        consumers.put("innoleap.problem-statements", 2);
        consumers.put("innoleap.solution-profiles", 2);
        consumers.put("innoleap.matches", 1);
        Map<String, Long> before = new LinkedHashMap<>();
        // The scheduler consumes all three topics (the matcher only the intake ones): it reports every count.
        consumers.keySet().forEach(topic -> before.put(topic, deadLetters(s, "scheduler", topic + ".dlq")));
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", "127.0.0.1:" + s.ports.get("kafka"));
        props.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        props.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props)) {
            for (String topic : consumers.keySet()) {
                String key = topic.endsWith("matches") ? UUID.randomUUID() + ":" + UUID.randomUUID() : UUID.randomUUID().toString();
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key,
                        "{\"eventId\": \"poison\", this is not JSON")).get(30, TimeUnit.SECONDS);
            }
        }
        // After the poison records: a profile and a statement on a theme nobody has posted on yet.
        JsonNode wasteWise = demo("solutionProfiles", "solutionName", "WasteWise").get(0);
        Http.Reply profile = Http.postJson(s.url("solution") + "/api/solution-profiles", wasteWise, as(DemoData.ownerOfProfile(wasteWise)));
        assertThat(profile.status()).as(profile.toString()).isEqualTo(201);
        JsonNode foodWaste = demo("problemStatements", "title", "Reducing food waste at hawker centres").get(0);
        Http.Reply posted = Http.postJson(s.url("problem") + "/api/problem-statements", foodWaste, as(DemoData.ownerOfStatement(foodWaste)));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        String id = posted.json().path("id").asText();
        await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(Http.get(s.url("matcher")
                + "/api/matches?problemStatementId=" + id, as("office")).json().path("items"))
                .extracting(i -> i.path("solutionProfileId").asText()).contains(profile.json().path("id").asText()));
        for (Map.Entry<String, Integer> c : consumers.entrySet()) {
            String dlq = c.getKey() + ".dlq";
            long expected = before.get(c.getKey()) + c.getValue();
            await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(500)).until(() -> deadLetters(s, "scheduler", dlq) >= expected);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)) // no second copy from the same consumer
                    .until(() -> deadLetters(s, "scheduler", dlq) == expected);
            if (c.getValue() == 2) {
                assertThat(deadLetters(s, "matcher", dlq)).as(dlq + " as the matcher counts it").isEqualTo(expected);
            }
            System.out.printf(Locale.ROOT, "poison record on %s: dead letters %d (one per consuming service)%n",
                    c.getKey(), deadLetters(s, "scheduler", dlq) - before.get(c.getKey()));
        }
        // The scheduler went on past all three: its report counts the new statement as posted and matched.
        LocalDate today = LocalDate.now(SINGAPORE); // a day either side: the statement may be posted just past midnight
        await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode themes = Http.get(s.url("scheduler") + "/api/programme/report?from=" + today.minusDays(1) + "&to=" + today.plusDays(1),
                    as("office")).json().path("themes");
            JsonNode sustainability = StreamSupport.stream(themes.spliterator(), false)
                    .filter(t -> t.path("theme").asText().equals("sustainability")).findFirst().orElse(null);
            assertThat(sustainability).as("the report's sustainability row in " + themes).isNotNull();
            assertThat(sustainability.path("posted").asInt()).isEqualTo(1);
            assertThat(sustainability.path("matched").asInt()).isEqualTo(1);
        });
    }

    /**
     * SMTP down while a clinic is booked: the mail catcher is killed, the coordinator's confirmation
     * request waits in the mail outbox, and once the catcher is back (the stack restarts it) the mail
     * arrives, once.
     */
    @Test
    @Order(16)
    void aConfirmationRequestWaitsOutAnSmtpOutageAndArrivesOnce() throws Exception {
        RunningStack s = stack();
        String scheduler = s.url("scheduler");
        ProcessHandle catcher = s.childProcess("io.innoleap.localstack.mail.MailCatcher");
        int restartsBefore = s.count("mail catcher running again") + s.count("mail catcher healthy again");
        catcher.destroyForcibly();
        assertThat(catcher.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        long killedAt = System.nanoTime();

        bookClinicOn(scheduler, 21, "15:15"); // while SMTP is down

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                s.count("mail catcher running again") + s.count("mail catcher healthy again") > restartsBefore);
        String mail = s.url("mail");
        java.util.function.Supplier<Long> requests = () -> confirmationRequests(mail, "15:15");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> requests.get() >= 1);
        double delivered = (System.nanoTime() - killedAt) / 1e9;
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> requests.get() == 1); // no second copy
        assertThat(requests.get()).as("the confirmation request arrives once").isEqualTo(1);
        System.out.printf(Locale.ROOT, "SMTP (mail catcher) killed, a clinic booked meanwhile: the confirmation request "
                + "arrived once, %.1f s after the kill%n", delivered);
    }

    private long deadLetters(RunningStack s, String service, String dlqTopic) {
        JsonNode counts = Http.get(s.url(service) + "/api/admin/dead-letters", as("office")).json();
        JsonNode n = counts.findValue(dlqTopic);
        return n == null ? 0 : n.asLong();
    }

    /**
     * The long form: a rolling restart (SIGTERM to each service in turn, the next once the previous
     * is healthy again) under load loses nothing acknowledged.
     */
    @Test
    @Order(17)
    void longFormRollingRestartUnderLoad() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(LONG, "the long form runs with -Dinnoleap.faults=long");
        RunningStack s = stack();
        WriteLoad load = underLoad("Crowding, rolling restart");
        load.awaitMoreAccepted(40, Duration.ofSeconds(60)); // load going before the fault
        long startedAt = System.nanoTime();
        load.faultNow(startedAt);
        try {
            for (ServiceSpec spec : ServiceSpec.ALL) {
                int healthyBefore = s.count(spec.name() + " healthy again");
                ProcessHandle process = s.serviceProcess(spec.name());
                process.destroy(); // SIGTERM: a graceful stop, as a deployment does
                assertThat(process.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                        .until(() -> s.count(spec.name() + " healthy again") > healthyBefore);
            }
            load.awaitMoreAccepted(20, Duration.ofSeconds(60)); // some load after the recovery as well
        } finally {
            load.stop();
        }
        assertNothingLost("rolling restart of every service", load, startedAt, String.format(Locale.ROOT,
                "all four restarted one after the other in %.1f s", (System.nanoTime() - startedAt) / 1e9));
    }

    /**
     * The long form ({@code -Dinnoleap.faults=long}): the other services killed mid-load too, and the
     * broker and the database kept down (every restart killed again) for 30 s and 2 minutes.
     */
    @Test
    @Order(18)
    void longFormKillsEachOtherServiceMidLoad() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(LONG, "the long form runs with -Dinnoleap.faults=long");
        RunningStack s = stack();
        for (String service : List.of("solution-service", "matcher-service", "scheduler-service")) {
            ProcessHandle process = s.serviceProcess(service);
            int healthyBefore = s.count(service + " healthy again");
            WriteLoad load = underLoad("Crowding, " + service + " down");
            load.awaitMoreAccepted(40, Duration.ofSeconds(60)); // load going before the fault
            long killedAt = kill(process, load);
            try {
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                        .until(() -> s.count(service + " healthy again") > healthyBefore);
                load.awaitMoreAccepted(20, Duration.ofSeconds(60)); // some load after the recovery as well
            } finally {
                load.stop();
            }
            assertNothingLost("kill -9 of " + service, load, killedAt, String.format(Locale.ROOT,
                    "healthy again within %.1f s", (System.nanoTime() - killedAt) / 1e9));
        }
    }

    private static final boolean LONG = "long".equals(System.getProperty("innoleap.faults"));

    /** Kills every new process matching {@code fragment} (the stack restarts it) until {@code outage} has passed. */
    private static void keepDown(RunningStack s, String fragment, Duration outage) throws Exception {
        long until = System.nanoTime() + outage.toNanos();
        while (System.nanoTime() < until) {
            try {
                ProcessHandle again = s.childProcess(fragment);
                again.destroyForcibly();
                again.onExit().get(60, TimeUnit.SECONDS);
            } catch (AssertionError notRunning) {
                // not started again yet
            }
            Thread.sleep(250);
        }
    }

    private WriteLoad underLoad(String label) {
        JsonNode template = demo("problemStatements", "title", "Forecasting platform crowding at MRT interchanges").get(0);
        return WriteLoad.start(stack().url("problem") + "/api/problem-statements", template, as("lta"), 4, label);
    }

    /** kill -9, and the load's fault clock starts once the process is gone. */
    private static long kill(ProcessHandle process, WriteLoad load) throws Exception {
        process.destroyForcibly();
        assertThat(process.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
        long at = System.nanoTime();
        load.faultNow(at);
        return at;
    }

    /** Every acknowledged statement is in problem-service and reaches the matcher; one line of figures. */
    private void assertNothingLost(String fault, WriteLoad load, long faultAt, String more) throws InterruptedException {
        List<String> missing = load.missing();
        java.util.Set<String> notMatched = load.notAtTheMatcher(stack().url("matcher"), as("office"), Duration.ofSeconds(240));
        double allAtMatcher = (System.nanoTime() - faultAt) / 1e9;
        System.out.printf(Locale.ROOT, "%s under load (4 clients): accepted %d (%d before the fault), present afterwards %d, "
                        + "lost %d, known to the matcher %d (all %.1f s after the fault), refused while down %d; %s%n",
                fault, load.accepted(), load.acceptedBeforeFault(), load.accepted() - missing.size(), missing.size(),
                load.accepted() - notMatched.size(), allAtMatcher, load.refused(), more);
        assertThat(load.acceptedBeforeFault()).as("the clients had load going before the fault").isPositive();
        assertThat(missing).as("statements answered 201 but gone afterwards").isEmpty();
        assertThat(notMatched).as("statements answered 201 that never reached the matcher").isEmpty();
    }

    /** With --replicas 2 a second instance of each service answers on its port + 100, on the same database and Kafka. */
    @Test
    @Order(19)
    void twoReplicasOfEachServiceShareTheDatabaseAndKafka() throws Exception {
        RunningStack before = stack();
        assertThat(before.stop()).as(RunningStack.tail(before.output())).isZero();
        before.close();
        stack = null;
        stack = new RunningStack(before.dataDir, work.resolve("launcher-3.log"), before.ports)
                .start(Duration.ofSeconds(480), "--replicas", "2", "--timeout", "400"); // eight services on two shared cores
        tokens = new Tokens(stack.issuer());
        String out = stack.output();
        for (ServiceSpec s : ServiceSpec.ALL) {
            String second = "http://localhost:" + (stack.ports.get(s.label()) + 100);
            assertThat(out).contains(s.name() + "-2 healthy in").contains(second);
            assertThat(Http.get(second + "/health").status()).isEqualTo(200);
        }
        ObjectNode body = demo("problemStatements", "title", "Forecasting platform crowding at MRT interchanges").get(0).deepCopy();
        body.put("title", "Forecasting crowding, posted to the second replica");
        Http.Reply posted = Http.postJson("http://localhost:" + (stack.ports.get("problem") + 100) + "/api/problem-statements",
                body, as("lta"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        String id = posted.json().path("id").asText();
        assertThat(Http.get(stack.url("problem") + "/api/problem-statements/" + id, as("lta")).status())
                .as("read from the first replica: one database").isEqualTo(200);
        await().atMost(EVENTUAL).pollInterval(Duration.ofSeconds(1)).until(() -> Http.get("http://localhost:"
                + (stack.ports.get("matcher") + 100) + "/api/matches?problemStatementId=" + id, as("office")).status() == 200);
    }

    /**
     * Two replicas of everything (the stack of the previous test): one replica of each service killed
     * with kill -9 mid-flow, among them the problem-service replica that publishes the outbox (what it
     * had committed and not yet published is published by the other replica once the lease runs out:
     * the window between commit and publish) and the matcher's writer. Four clients create and then
     * change statements on both problem-service replicas throughout. Nothing acknowledged is lost,
     * every statement reaches the matcher, no event is published twice (as a read-committed consumer
     * sees the topic), the last record of every key on the compacted topic is its newest snapshot, and
     * a clinic booked meanwhile is mailed once although two schedulers dispatch mail.
     */
    @Test
    @Order(21)
    void oneReplicaOfEachServiceKilledMidFlowLosesNothingAndPublishesNothingTwice() throws Exception {
        RunningStack s = stack();
        assertThat(s.output()).as("the previous test started two replicas").contains("problem-service-2 healthy in");
        String publisher = s.lastToPrint("problem", "now publishes the service's events").orElseThrow(
                () -> new AssertionError("no problem-service replica said it publishes the outbox"));
        String writer = s.lastToPrint("matcher", "this replica is now the writer").orElseThrow(
                () -> new AssertionError("no matcher replica said it is the writer"));
        Map<String, String> victims = new LinkedHashMap<>(); // service name -> console label of the replica killed
        victims.put("problem-service", publisher);
        victims.put("solution-service", "solution");
        victims.put("matcher-service", writer);
        victims.put("scheduler-service", "scheduler-2");
        // Two schedulers dispatch mail: a clinic booked now is mailed once.
        bookClinicOn(replicaUrl(s, "scheduler", 2), 23, "16:45");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> confirmationRequests(s.url("mail"), "16:45") >= 1);
        JsonNode template = demo("problemStatements", "title", "Forecasting platform crowding at MRT interchanges").get(0);
        WriteLoad load = WriteLoad.start(List.of(replicaUrl(s, "problem", 1) + "/api/problem-statements",
                replicaUrl(s, "problem", 2) + "/api/problem-statements"), template, as("lta"), 4, "Crowding, replicas", true);
        long killedAt;
        double publishingAgainAfter;
        double writingAgainAfter;
        try {
            load.awaitMoreAccepted(40, Duration.ofSeconds(60)); // load going before the fault
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> confirmationRequests(s.url("mail"), "16:45") == 1); // no second copy of the mail
            List<ProcessHandle> killed = new ArrayList<>();
            victims.forEach((service, label) -> killed.add(s.replicaProcess(service, portOf(s, label))));
            killed.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : killed) {
                assertThat(p.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
            }
            killedAt = System.nanoTime();
            load.faultNow(killedAt);
            int mark = s.output().length();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> s.lastToPrint(mark, "problem", "now publishes the service's events").isPresent());
            publishingAgainAfter = (System.nanoTime() - killedAt) / 1e9;
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> s.lastToPrint(mark, "matcher", "this replica is now the writer").isPresent());
            writingAgainAfter = (System.nanoTime() - killedAt) / 1e9;
            load.awaitMoreAccepted(20, Duration.ofSeconds(120)); // and load after the take-over as well
        } finally {
            load.stop();
        }
        String newWriter = s.lastToPrint("matcher", "this replica is now the writer").orElseThrow();
        String newPublisher = s.lastToPrint("problem", "now publishes the service's events").orElseThrow();
        List<String> missing = load.missing(replicaUrl(s, newPublisher) + "/api/problem-statements");
        java.util.Set<String> notMatched = load.notAtTheMatcher(replicaUrl(s, newWriter), as("office"), Duration.ofSeconds(240));
        double allAtMatcher = (System.nanoTime() - killedAt) / 1e9;
        Map<String, Long> acknowledged = load.acknowledgedVersions();
        TopicHistory history = TopicHistory.read("127.0.0.1:" + s.ports.get("kafka"), "innoleap.problem-statements",
                acknowledged, Duration.ofSeconds(120));

        for (Map.Entry<String, String> v : victims.entrySet()) {
            String name = v.getValue().endsWith("-2") ? v.getKey() + "-2" : v.getKey();
            assertThat(s.output()).as("the stack restarts " + name).contains(name + " exited (137); restarting in");
        }
        System.out.printf(Locale.ROOT, "kill -9 of one replica of each service (%s) under load (4 clients on both "
                        + "problem-service replicas, each statement created then changed): accepted %d (%d before the kill), "
                        + "changes acknowledged %d, lost %d, known to the matcher %d (all %.1f s after the kill); on the topic "
                        + "%d events for them, duplicate eventIds %d, keys whose last record is not the newest snapshot %d; "
                        + "outbox publishing again %.1f s after the kill (%s), matcher writing again %.1f s after (%s); a clinic "
                        + "booked before, with two schedulers dispatching: confirmation mails %d%n",
                String.join(", ", victims.values()), load.accepted(), load.acceptedBeforeFault(),
                acknowledged.values().stream().filter(v -> v > 0).count(), missing.size(), load.accepted() - notMatched.size(),
                allAtMatcher, history.records(), history.duplicateEventIds().size(), history.keysEndingOnAnOlderSnapshot().size(),
                publishingAgainAfter, newPublisher, writingAgainAfter, newWriter, confirmationRequests(s.url("mail"), "16:45"));
        assertThat(load.acceptedBeforeFault()).as("the clients had load going before the fault").isPositive();
        assertThat(missing).as("statements answered 201 but gone afterwards").isEmpty();
        assertThat(notMatched).as("statements answered 201 that never reached the matcher").isEmpty();
        assertThat(history.notPublished()).as("acknowledged snapshots never published").isEmpty();
        assertThat(history.duplicateEventIds()).as("events published twice").isEmpty();
        assertThat(history.keysEndingOnAnOlderSnapshot()).as("keys whose last record is an older snapshot").isEmpty();
        assertThat(confirmationRequests(s.url("mail"), "16:45")).as("the confirmation request, once").isEqualTo(1);
    }

    /**
     * An event Kafka refuses for good (larger than the producer's 1 MiB request limit), written into
     * problem-service's outbox on the stack's database: the replica that publishes parks it after its
     * attempts, says so in the log, {@code /health} and {@code /prometheus}, and everything else goes on
     * being published (a statement posted afterwards reaches the matcher).
     */
    @Test
    @Order(20)
    void anEventKafkaRefusesIsParkedAndTheRestIsPublished() throws Exception {
        RunningStack s = stack();
        String key = UUID.randomUUID().toString();
        long t0 = System.nanoTime();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + s.ports.get("mariadb") + "/" + LocalStack.databaseOf(ServiceSpec.ALL.get(0)), "root", "");
             java.sql.PreparedStatement insert = db.prepareStatement("INSERT INTO outbox_event (event_id, topic, record_key, "
                     + "event_type, payload, created_at) VALUES (?, 'innoleap.problem-statements', ?, 'ProblemStatementUpdated', ?, "
                     + "UTC_TIMESTAMP(6))")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, key);
            insert.setString(3, "{\"padding\":\"" + "x".repeat(1_200_000) + "\"}");
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        ObjectNode body = demo("problemStatements", "title", "Forecasting platform crowding at MRT interchanges").get(0).deepCopy();
        body.put("title", "Forecasting crowding, posted after an unpublishable event");
        Http.Reply posted = Http.postJson(s.url("problem") + "/api/problem-statements", body, as("lta"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        String id = posted.json().path("id").asText();
        await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(250)).until(() -> Http.get(s.url("matcher")
                + "/api/matches?problemStatementId=" + id, as("office")).status() == 200);
        double flowedOn = (System.nanoTime() - t0) / 1e9;
        await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(250)).until(() -> s.output().contains("parked after"));
        double parkedAfter = (System.nanoTime() - t0) / 1e9;
        for (int replica = 1; replica <= 2; replica++) {
            String base = replicaUrl(s, "problem", replica);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Http.get(base + "/health").body().contains("\"parked\":1"));
            assertThat(Http.get(base + "/health").status()).as("parked is no outage").isEqualTo(200);
            assertThat(Http.get(base + "/prometheus", as("office")).body()).containsPattern("innoleap_outbox_parked(\\{[^}]*})? 1\\.0");
        }
        System.out.printf(Locale.ROOT, "an unpublishable outbox event (1.2 MB): parked %.1f s after it was written, a "
                + "statement posted after it reached the matcher %.1f s after, /health of both replicas: parked 1%n", parkedAfter, flowedOn);
    }

    private static String replicaUrl(RunningStack s, String label) {
        return "http://localhost:" + portOf(s, label);
    }

    private static String replicaUrl(RunningStack s, String service, int replica) {
        return "http://localhost:" + (s.ports.get(service) + 100 * (replica - 1));
    }

    /** The port of the replica a console label names: {@code problem} on the service's port, {@code problem-2} 100 above. */
    private static int portOf(RunningStack s, String label) {
        int dash = label.lastIndexOf('-');
        return dash < 0 ? s.ports.get(label) : s.ports.get(label.substring(0, dash)) + 100 * (Integer.parseInt(label.substring(dash + 1)) - 1);
    }

    /** The coordinator publishes a 30-minute slot at {@code time}, {@code daysAhead} days from now (a working day), and LTA books a clinic on it. */
    private void bookClinicOn(String scheduler, int daysAhead, String time) {
        Tokens.DemoUser me = Tokens.demoUser("coordinator").orElseThrow();
        ObjectNode slotBody = Http.JSON.createObjectNode();
        slotBody.putObject("coordinator").put("name", me.name()).put("email", me.email());
        slotBody.put("durationMinutes", 30);
        Http.Reply slot = onAWorkingDay(LocalDate.now(SINGAPORE).plusDays(daysAhead), day -> Http.postJson(scheduler + "/api/clinic-slots",
                slotBody.put("startsAt", day.atTime(java.time.LocalTime.parse(time)).atZone(SINGAPORE).toOffsetDateTime().toString()),
                as("coordinator")));
        assertThat(slot.status()).as(slot.toString()).isEqualTo(201);
        ObjectNode booking = Http.JSON.createObjectNode()
                .put("problemStatementId", problemIds.get("Forecasting platform crowding at MRT interchanges"))
                .put("slotId", slot.json().path("id").asText());
        Http.Reply clinic = Http.postJson(scheduler + "/api/clinics", booking, as("lta"));
        assertThat(clinic.status()).as(clinic.toString()).isEqualTo(201);
    }

    /** "Please confirm" mails to the demo coordinator for a clinic at {@code time}. */
    private static long confirmationRequests(String mail, String time) {
        String coordinator = Tokens.demoUser("coordinator").orElseThrow().email();
        return StreamSupport.stream(Http.get(mail + "/api/v1/messages?limit=500").json().path("messages").spliterator(), false)
                .filter(m -> m.path("Subject").asText().startsWith("Please confirm") && m.path("Subject").asText().contains(time))
                .filter(m -> StreamSupport.stream(m.path("To").spliterator(), false)
                        .anyMatch(a -> a.path("Address").asText().equalsIgnoreCase(coordinator)))
                .count();
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

    /**
     * Posts for the first weekday from {@code from} that the programme calendar allows: a day the
     * scheduler refuses as a public holiday or closure (409 public-holiday; Christmas is three weeks
     * after some start dates) is followed by the next weekday, so the test holds on any date it runs.
     */
    private static Http.Reply onAWorkingDay(LocalDate from, java.util.function.Function<LocalDate, Http.Reply> post) {
        LocalDate day = weekday(from);
        for (int tries = 0; tries < 10; tries++) {
            Http.Reply r = post.apply(day);
            if (r.status() != 409 || !r.body().contains("/public-holiday")) {
                return r;
            }
            day = weekday(day.plusDays(1));
        }
        throw new AssertionError("no working day in the two weeks from " + from);
    }

    private static LocalDate weekday(LocalDate d) {
        while (d.getDayOfWeek().getValue() > 5) {
            d = d.plusDays(1);
        }
        return d;
    }
}
