package io.innoleap.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Loads the demo data set ({@code demo-data.json}) through the public HTTP API only, as the demo users
 * of the stack's identity provider would, each with their own token and within the API contract's rules:
 * problem statements by their agency's officer ({@code lta}, {@code nea}, {@code ura}; agencies
 * without a demo user by the programme office), solution profiles by the provider with that UEN
 * ({@code aurora}, {@code sensetech}; others by the programme office), then waits for the matches;
 * the programme office plans a workshop and builds a sharing day, the coordinator publishes a clinic
 * slot and the owning agency books a clinic whose confirmation mail lands in the mail catcher.
 *
 * <p>Safe to run twice: statements and profiles whose title or name already exists are not posted
 * again, and the bookings are made once per data folder (a marker file remembers it).
 */
public final class DemoData {

    static final ZoneId PROGRAMME_ZONE = ZoneId.of("Asia/Singapore");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final StackUrls urls;
    private final BiConsumer<String, String> out;
    private final Path dataDir;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Tokens tokens;

    static final String OFFICE = "office";
    static final String COORDINATOR = "coordinator";

    public DemoData(StackUrls urls, BiConsumer<String, String> out, Path dataDir) {
        this.urls = urls;
        this.out = out;
        this.dataDir = dataDir;
        this.tokens = new Tokens(urls.issuer());
    }

    /** Who posts a problem statement: its agency's officer if the provider has one, else the programme office. */
    static String ownerOfStatement(JsonNode statement) {
        return Tokens.officerOf(statement.path("agency").path("code").asText(null)).map(Tokens.DemoUser::username).orElse(OFFICE);
    }

    /** Who registers a solution profile: the provider with its UEN if there is such a demo user, else the programme office. */
    static String ownerOfProfile(JsonNode profile) {
        return Tokens.providerWithUen(profile.path("organisation").path("uen").asText(null)).map(Tokens.DemoUser::username)
                .orElse(OFFICE);
    }

    public static JsonNode dataSet() {
        try (InputStream in = DemoData.class.getResourceAsStream("demo-data.json")) {
            if (in == null) {
                throw new IllegalStateException("demo-data.json missing from the local-stack jar");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads what the running services allow; never throws for an HTTP failure, it says what failed. */
    public boolean load() {
        try {
            return doLoad();
        } catch (RuntimeException e) {
            say("demo data stopped: " + e.getMessage());
            return false;
        }
    }

    private boolean doLoad() {
        JsonNode data = dataSet();
        say("loading the demo data set through the public API");
        Map<String, String> problemIds = postAll(urls.problems() + "/api/problem-statements",
                (ArrayNode) data.get("problemStatements"), "title", "problem statements", DemoData::ownerOfStatement);
        postAll(urls.solutions() + "/api/solution-profiles", (ArrayNode) data.get("solutionProfiles"),
                "solutionName", "solution profiles", DemoData::ownerOfProfile);
        awaitMatches(problemIds);
        Path marker = dataDir.resolve("demo-bookings.done");
        if (Files.exists(marker)) {
            say("demo bookings were made before (" + marker + "); delete that file to book them again");
            return true;
        }
        boolean ok = book(data, problemIds);
        if (ok) {
            try {
                Files.writeString(marker, Instant.now().toString());
            } catch (IOException e) {
                say("cannot write " + marker + ": " + e.getMessage());
            }
        }
        return ok;
    }

    private Map<String, String> postAll(String collectionUrl, ArrayNode items, String titleField, String what,
                                        java.util.function.Function<JsonNode, String> owner) {
        Map<String, String> ids = existing(collectionUrl, titleField);
        int posted = 0;
        Map<String, Integer> byUser = new java.util.TreeMap<>();
        for (JsonNode item : items) {
            String title = item.get(titleField).asText();
            if (ids.containsKey(title)) {
                continue;
            }
            String user = owner.apply(item);
            Reply r = send("POST", collectionUrl, item.toString(), user);
            if (r.status != 201) {
                throw new IllegalStateException("POST " + collectionUrl + " as " + user + " answered " + r.status + ": " + r.body);
            }
            ids.put(title, r.json().get("id").asText());
            byUser.merge(user, 1, Integer::sum);
            posted++;
        }
        say(String.format("%s: %d posted%s, %d already there", what, posted, posted == 0 ? "" : " (as " + byUser.entrySet()
                .stream().map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")) + ")",
                ids.size() - posted));
        return ids;
    }

    private Map<String, String> existing(String collectionUrl, String titleField) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int page = 0; page < 50; page++) {
            Reply r = send("GET", collectionUrl + "?size=100&page=" + page, null, OFFICE);
            if (r.status != 200) {
                throw new IllegalStateException("GET " + collectionUrl + " answered " + r.status + ": " + r.body);
            }
            JsonNode items = r.json().path("items");
            items.forEach(i -> ids.put(i.path(titleField).asText(), i.path("id").asText()));
            if (items.size() < 100) {
                break;
            }
        }
        return ids;
    }

    private void awaitMatches(Map<String, String> problemIds) {
        say("waiting for the matcher to rank providers for " + problemIds.size() + " problem statements");
        long deadline = System.nanoTime() + WAIT.toNanos();
        Set<String> pending = new HashSet<>(problemIds.values());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (String id : Set.copyOf(pending)) {
                Reply r = send("GET", urls.matcher() + "/api/matches?limit=3&problemStatementId=" + id, null, OFFICE);
                if (r.status == 200 && r.json().path("items").size() > 0) {
                    pending.remove(id);
                }
            }
            pause(1000);
        }
        say(String.format("matches ready for %d of %d problem statements", problemIds.size() - pending.size(), problemIds.size()));
        problemIds.entrySet().stream().limit(3).forEach(e -> {
            Reply r = send("GET", urls.matcher() + "/api/matches?limit=1&problemStatementId=" + e.getValue(), null, OFFICE);
            JsonNode best = r.status == 200 ? r.json().path("items").path(0) : null;
            if (best != null && !best.isMissingNode()) {
                say("  best match for \"" + e.getKey() + "\": score " + best.path("score").asText()
                        + ", themes " + best.path("sharedThemes") + ", terms " + best.path("matchedTerms"));
            }
        });
    }

    private boolean book(JsonNode data, Map<String, String> problemIds) {
        LocalDate today = LocalDate.now(PROGRAMME_ZONE);
        ObjectNode plan = json.createObjectNode();
        plan.put("notBefore", today.plusWeeks(data.at("/workshop/notBeforeWeeksFromToday").asInt(4)).toString());
        Reply workshop = retry("POST", urls.scheduler() + "/api/workshops/plan", plan.toString(), 201, OFFICE);
        if (workshop.status == 201) {
            JsonNode w = workshop.json();
            say("workshop planned: theme " + w.path("theme").asText() + ", starts " + w.path("startsAt").asText()
                    + ", " + w.path("participants").size() + " agencies, " + w.path("invitedProviders").size()
                    + " invited providers (" + urls.scheduler() + "/api/workshops/" + w.path("id").asText() + ")");
        } else {
            say("workshop planning answered " + workshop.status + ": " + workshop.body);
        }

        JsonNode sd = data.get("sharingDay");
        ObjectNode sharing = json.createObjectNode();
        sharing.put("theme", sd.get("theme").asText());
        sharing.set("audience", sd.get("audience"));
        sharing.put("date", weekday(today.plusWeeks(sd.get("weeksFromToday").asInt())).toString());
        for (String f : new String[] {"startTime", "presentationMinutes", "consultationMinutes", "maxPresenters"}) {
            sharing.set(f, sd.get(f));
        }
        Reply day = retry("POST", urls.scheduler() + "/api/sharing-days", sharing.toString(), 201, OFFICE);
        if (day.status == 201) {
            say("sharing day on " + day.json().path("date").asText() + ": " + day.json().path("presenters").size()
                    + " presenters (" + urls.scheduler() + "/api/sharing-days/" + day.json().path("id").asText() + ")");
        } else {
            say("sharing day answered " + day.status + ": " + day.body);
        }

        JsonNode c = data.get("clinic");
        LocalDate clinicDate = weekday(today.plusDays(c.get("daysFromToday").asInt()));
        // The coordinator publishes the slot; the slot's coordinator is the caller (named in the body as well,
        // with the token's name and email, so the body agrees with the token whichever the scheduler reads).
        Tokens.DemoUser coordinator = Tokens.demoUser(COORDINATOR).orElseThrow();
        ObjectNode slot = json.createObjectNode();
        slot.putObject("coordinator").put("name", coordinator.name()).put("email", coordinator.email());
        slot.put("startsAt", clinicDate.atTime(LocalTime.parse(c.get("startTime").asText())).atZone(PROGRAMME_ZONE)
                .toOffsetDateTime().toString());
        slot.put("durationMinutes", c.get("durationMinutes").asInt());
        Reply slotReply = retry("POST", urls.scheduler() + "/api/clinic-slots", slot.toString(), 201, COORDINATOR);
        if (slotReply.status != 201) {
            say("clinic slot answered " + slotReply.status + ": " + slotReply.body);
            return false;
        }
        String problemId = problemIds.get(c.get("problemTitle").asText());
        JsonNode statement = java.util.stream.StreamSupport.stream(data.get("problemStatements").spliterator(), false)
                .filter(st -> st.path("title").asText().equals(c.get("problemTitle").asText())).findFirst()
                .orElseThrow(() -> new IllegalStateException("demo-data.json: no statement titled " + c.get("problemTitle")));
        String agency = ownerOfStatement(statement);
        ObjectNode clinic = json.createObjectNode();
        clinic.put("problemStatementId", problemId);
        clinic.put("slotId", slotReply.json().get("id").asText());
        Reply clinicReply = retry("POST", urls.scheduler() + "/api/clinics", clinic.toString(), 201, agency);
        if (clinicReply.status != 201) {
            say("clinic booking answered " + clinicReply.status + ": " + clinicReply.body);
            return false;
        }
        say("clinic requested by " + agency + " on " + clinicDate + " for \"" + c.get("problemTitle").asText() + "\": status "
                + clinicReply.json().path("status").asText() + "; the coordinator's confirmation mail is at "
                + urls.mail() + "/");
        return workshop.status == 201 && day.status == 201;
    }

    /**
     * The scheduler learns statements and matches from Kafka a moment after they are posted, so a
     * request naming them may first get 404 (unknown id) or 409/422 (no demand yet): retry a while.
     * A 404 from a route the scheduler does not serve ("Page Not Found") is final.
     */
    private Reply retry(String method, String url, String body, int expected, String user) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Reply r;
        do {
            r = send(method, url, body, user);
            boolean transientAnswer = r.status >= 500 || r.status == 409 || r.status == 422
                    || (r.status == 404 && !r.body.contains("Page Not Found"));
            if (r.status == expected || !transientAnswer) {
                return r;
            }
            pause(2000);
        } while (System.nanoTime() < deadline);
        return r;
    }

    private static LocalDate weekday(LocalDate d) {
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    private record Reply(int status, String body) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /** One call as the demo user {@code user} (a bearer token from the stack's identity provider). */
    private Reply send(String method, String url, String body, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Authorization", "Bearer " + tokens.of(user));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private void say(String text) {
        out.accept("demo", text);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Loads the demo data into a stack that is already running ({@code ./innoleap-local demo}).
     * Takes the launcher's {@code --port} and {@code --data-dir} options.
     */
    public static void main(String[] args) {
        StackOptions o = StackOptions.parseOrExit(args, "innoleap-local demo");
        List<String> notHealthy = notHealthy(o);
        if (notHealthy == null) {
            return; // interrupted
        }
        if (!notHealthy.isEmpty()) {
            System.err.println("innoleap-local demo: not healthy: " + String.join(", ", notHealthy)
                    + "; start the stack first (./innoleap-local)");
            System.exit(1);
            return;
        }
        StackUrls urls = StackUrls.of(o);
        Console console = new Console(System.out, System.nanoTime());
        boolean ok = new DemoData(urls, console::line, o.dataDir).load();
        System.exit(ok ? 0 : 1);
    }

    /**
     * What of a running stack does not answer: each service's {@code /health} (200) and the identity
     * provider's discovery document, on the options' ports; empty when all do, null when interrupted.
     */
    static List<String> notHealthy(StackOptions o) {
        List<String> notHealthy = new ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        for (ServiceSpec s : ServiceSpec.ALL) {
            int port = o.port(s.label());
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    notHealthy.add(s.name() + " (port " + port + ": " + r.statusCode() + ")");
                }
            } catch (IOException e) {
                notHealthy.add(s.name() + " (nothing answers on port " + port + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        int oidcPort = o.port("oidc");
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(StackUrls.of(o).issuer()
                    + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                notHealthy.add("identity provider (port " + oidcPort + ": " + r.statusCode() + ")");
            }
        } catch (IOException e) {
            notHealthy.add("identity provider (nothing answers on port " + oidcPort + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return notHealthy;
    }
}
