package io.innoleap.bench;

import io.innoleap.testkit.CpuShares;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestDatabase;
import io.innoleap.testkit.TestOidc;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The write path measured against its floor: problem-service answering {@code POST
 * /api/problem-statements} at a given concurrency (with real tokens, validation, the transaction
 * with its outbox row, and the relay publishing to Kafka), and the same database committing the
 * same two inserts straight through JDBC at the same concurrency, alternating rounds side by side
 * in one run. Prints both rates per round, their medians and the ratio, the service's latency,
 * and the top frames of a CPU profile (JFR execution samples) taken during the service rounds.
 */
@Command(name = "write-path-benchmark", mixinStandardHelpOptions = true,
        description = "Service POST rate against the database's raw commit rate of the same inserts.")
public final class WritePathBenchmark implements Callable<Integer> {

    @Option(names = "--concurrency", defaultValue = "8", description = "Clients (and JDBC writers) at once (default ${DEFAULT-VALUE})")
    int concurrency;
    @Option(names = "--seconds", defaultValue = "10", description = "Length of one measured round (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of each kind, alternating (default ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--client", defaultValue = "auto", description = "Load generator: wrk (a separate process, "
            + "as light as load generators get), jdk (java.net.http in this JVM, sharing the service's cores), or auto: wrk "
            + "when it is on the PATH (default ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--warmup", defaultValue = "180", description = "At most this many seconds of service load before "
            + "measuring; the warm-up ends earlier, in steps of 10 s, once the JIT compilers are quiet: they took less than "
            + "5 %% of a step (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--profile-top", defaultValue = "15", description = "Frames of the CPU profile to print (default ${DEFAULT-VALUE})")
    int profileTop;
    @Option(names = "--security-cost", description = "Instead of the raw commit rate, compare the service with token "
            + "validation against the same service with security switched off (every request the office's), "
            + "one client alternating request by request, and print the median latency of each and of the paired differences")
    boolean securityCost;

    private static final String BODY = """
            {"agency": {"code": "BENCH", "name": "Benchmark Agency", "domain": "transport"},
             "title": "Predicting bus bunching on trunk routes %s",
             "description": "Buses on trunk routes arrive in bunches at peak hours, leaving long gaps for commuters. We want to predict bunching early enough to hold or dispatch buses.",
             "themes": ["smart-cities", "data-analytics"],
             "horizon": "IMMEDIATE_OPERATIONAL",
             "contact": {"name": "Tan Wei Ling", "email": "tan_wei_ling@lta.gov.sg"}}""";

    public static void main(String[] args) {
        System.exit(new CommandLine(new WritePathBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (securityCost) {
            return securityCost();
        }
        Map<String, String> props = ServiceTestProperties.forService("write-bench")
                .with("innoleap.rate-limit.writes.capacity", "100000000")
                .with("innoleap.rate-limit.writes.refill-per-second", "100000000")
                .with("micronaut.server.port", "0").build();
        try (ApplicationContext service = ApplicationContext.run(EmbeddedServer.class, new HashMap<>(props)).getApplicationContext()) {
            URI uri = service.getBean(EmbeddedServer.class).getURI().resolve("/api/problem-statements");
            String token = TestOidc.get().token("office");
            TestDatabase.Jdbc db = new TestDatabase.Jdbc(props.get("datasources.default.url"), props.get("datasources.default.username"),
                    props.get("datasources.default.password"), props.get("datasources.default.driver-class-name"));
            boolean wrk = useWrk();
            System.out.printf("write path: %d clients (%s), %d rounds of %d s each kind, database %s%n", concurrency,
                    wrk ? "wrk, its own process" : "java.net.http in the service's JVM", rounds, seconds, TestDatabase.get().serverVersion());
            // One recording for the whole run, started before the warm-up: starting JFR makes the JVM
            // throw away its compiled code (measured: 9,000 methods made not entrant at once), so a
            // recording started per round would measure the JIT's recompiling instead of the service.
            try (Recording recording = new Recording()) {
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                recording.start();
                measure(uri, token, db, recording);
            }
        }
        return 0;
    }

    private void measure(URI uri, String token, TestDatabase.Jdbc db, Recording recording) throws Exception {
        warmUp(uri, token);

        List<Double> raw = new ArrayList<>();
        List<Double> svc = new ArrayList<>();
        List<Long> p50s = new ArrayList<>();
        List<Long> p99s = new ArrayList<>();
        List<Instant[]> serviceWindows = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            CpuShares.Snapshot rawStart = CpuShares.take();
            Map<String, Long> rawStatements = statementCounts(db);
            double rawRate = rawRound(db, seconds);
            rawStatements = since(rawStatements, statementCounts(db));
            CpuShares.Usage rawCpu = CpuShares.take().minus(rawStart);
            Map<String, Long> statements = statementCounts(db);
            Instant from = Instant.now();
            Round s = serviceRound(uri, token, seconds);
            serviceWindows.add(new Instant[] {from, Instant.now()});
            statements = since(statements, statementCounts(db));
            raw.add(rawRate);
            svc.add(s.rate());
            p50s.add(s.p50Micros());
            p99s.add(s.p99Micros());
            System.out.printf("round %d: raw JDBC %.0f tx/s, service %.0f req/s (%.0f %%); service p50 %.1f ms, p99 %.1f ms%n", r,
                    rawRate, s.rate(), 100 * s.rate() / rawRate, s.p50Micros() / 1000.0, s.p99Micros() / 1000.0);
            System.out.printf("  CPU per raw transaction: %s%n", rawCpu.perOperation((long) (rawRate * seconds)));
            System.out.printf("  CPU per service request: %s%n", s.cpu().perOperation((long) (s.rate() * seconds)));
            System.out.printf("  service JVM by thread: %s; %s%n", s.cpu().serviceThreadsPerOperation((long) (s.rate() * seconds), 6),
                    s.cpu().vmActivity());
            System.out.printf("  statements per raw transaction: %s%n", perOperation(rawStatements, rawRate * seconds));
            System.out.printf("  statements per service request: %s%n", perOperation(statements, s.rate() * seconds));
        }
        double rawMedian = median(raw);
        double svcMedian = median(svc);
        System.out.printf("median: raw JDBC %.0f tx/s, service %.0f req/s; service = %.1f %% of the raw commit rate%n",
                rawMedian, svcMedian, 100 * svcMedian / rawMedian);
        System.out.printf("service latency, median of the rounds: p50 %.1f ms, p99 %.1f ms%n",
                median(p50s.stream().map(Long::doubleValue).toList()) / 1000.0, median(p99s.stream().map(Long::doubleValue).toList()) / 1000.0);
        Path jfr = Files.createTempFile("write-path-", ".jfr");
        try {
            recording.dump(jfr);
            printProfile(jfr, serviceWindows);
        } finally {
            Files.deleteIfExists(jfr);
        }
    }

    /**
     * Load until the JIT has compiled what the service runs: on two shared cores C2 takes minutes
     * of load over this code (measured: 10 s of compiling per 10 s step a minute in, 4 s after two).
     */
    private void warmUp(URI uri, String token) throws Exception {
        long start = System.nanoTime();
        int step = 10;
        while (true) {
            long jitBefore = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            Round r = serviceRound(uri, token, step);
            long jit = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            System.out.printf("warm-up %3d s: %.0f req/s, JIT compiling %d ms in the last %d s%n", elapsed, r.rate(), jit, step);
            if (jit < step * 1000L / 20 || elapsed + step > warmup) {
                return;
            }
        }
    }

    /** A round's rate, its latency percentiles (microseconds) and CPU use. */
    private record Round(double rate, long p50Micros, long p99Micros, CpuShares.Usage cpu) {
        Round withCpu(CpuShares.Usage usage) {
            return new Round(rate, p50Micros, p99Micros, usage);
        }
    }

    /**
     * What checking tokens costs per request: two instances of problem-service in this JVM on the
     * same database and broker, one as deployed (bearer JWT: signature against the provider's JWKS,
     * issuer, audience, expiry, roles, the endpoint's rule) and one with Micronaut Security off and
     * every request bound to the office ({@link FixedCaller}). One client alternates request by
     * request between them (and which goes first), so a noisy machine slows both alike; the
     * median of the paired differences is the cost.
     * Every request carries the same access token, as a client reuses its token until it expires:
     * the signature is verified once and remembered, the claims and the endpoint's rule are checked
     * on every request (an RSA-2048 verification itself is a few tens of microseconds).
     */
    private int securityCost() throws Exception {
        Map<String, String> base = ServiceTestProperties.forService("write-bench")
                .with("innoleap.rate-limit.writes.capacity", "100000000")
                .with("innoleap.rate-limit.writes.refill-per-second", "100000000")
                .with("micronaut.server.port", "0").build();
        Map<String, Object> open = new HashMap<>(base);
        open.put("micronaut.security.enabled", "false");
        open.put("bench.fixed-caller", "true");
        try (ApplicationContext secured = ApplicationContext.run(EmbeddedServer.class, new HashMap<>(base)).getApplicationContext();
             ApplicationContext unsecured = ApplicationContext.run(EmbeddedServer.class, open).getApplicationContext()) {
            URI securedUri = secured.getBean(EmbeddedServer.class).getURI().resolve("/api/problem-statements");
            URI unsecuredUri = unsecured.getBean(EmbeddedServer.class).getURI().resolve("/api/problem-statements");
            String token = TestOidc.get().token("office");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(securedUri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted("no token"))).build(), HttpResponse.BodyHandlers.ofString());
            if (refused.statusCode() != 401) {
                throw new IllegalStateException("the secured instance answered " + refused.statusCode() + " without a token");
            }
            System.out.printf("security cost: %d rounds of %d s; in each, one client alternates request by request between "
                    + "the instance without security and the one with tokens, so both see the same machine; database %s%n",
                    rounds, seconds, TestDatabase.get().serverVersion());
            alternate(http, unsecuredUri, securedUri, token, warmup);
            List<Long> without = new ArrayList<>();
            List<Long> with = new ArrayList<>();
            List<Long> differences = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Pairs p = alternate(http, unsecuredUri, securedUri, token, seconds);
                without.addAll(p.without());
                with.addAll(p.with());
                differences.addAll(p.differences());
                System.out.printf("round %d: %d pairs; p50 without security %.2f ms, with tokens %.2f ms; median paired "
                                + "difference %+.3f ms%n", r, p.without().size(), p50(p.without()), p50(p.with()),
                        p50(p.differences()));
            }
            System.out.printf("all rounds: %d pairs; p50 without security %.2f ms, with tokens %.2f ms; median paired "
                            + "difference %+.3f ms per request (%.1f %% of the request)%n", without.size(), p50(without),
                    p50(with), p50(differences), 100 * p50(differences) / p50(without));
        }
        return 0;
    }

    private record Pairs(List<Long> without, List<Long> with, List<Long> differences) {
    }

    /** One client, alternating: POST to the open instance, then the same to the secured one, and so on. */
    private Pairs alternate(HttpClient http, URI open, URI secured, String token, int secs) throws Exception {
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        List<Long> differences = new ArrayList<>();
        long end = System.nanoTime() + secs * 1_000_000_000L;
        boolean securedFirst = false;
        while (System.nanoTime() < end) {
            long a;
            long b;
            if (securedFirst) {
                b = post(http, secured, token);
                a = post(http, open, token);
            } else {
                a = post(http, open, token);
                b = post(http, secured, token);
            }
            securedFirst = !securedFirst;
            without.add(a);
            with.add(b);
            differences.add(b - a);
        }
        return new Pairs(without, with, differences);
    }

    /** Microseconds for one POST answered 201. */
    private static long post(HttpClient http, URI uri, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(UUID.randomUUID()))).build();
        long t0 = System.nanoTime();
        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
        long micros = (System.nanoTime() - t0) / 1000;
        if (r.statusCode() != 201) {
            throw new IllegalStateException(uri + " answered " + r.statusCode());
        }
        return micros;
    }

    private static double p50(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(Long::compare);
        return percentile(sorted, 0.50) / 1000.0;
    }

    private boolean useWrk() {
        return switch (client) {
            case "wrk" -> true;
            case "jdk" -> false;
            case "auto" -> onPath("wrk");
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "--client: wrk, jdk or auto, not " + client);
        };
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** One round of POSTs with the chosen load generator, and where the machine's CPU went meanwhile. */
    private Round serviceRound(URI uri, String token, int secs) throws Exception {
        CpuShares.Snapshot before = CpuShares.take();
        Round round = useWrk() ? wrkRound(uri, token, secs) : jdkRound(uri, token, secs);
        CpuShares.Snapshot after = CpuShares.take();
        return round.withCpu(after.minus(before));
    }

    /**
     * wrk (4.x) in its own process: {@code concurrency} connections on two threads, a Lua script that
     * gives every request its own title and prints the counts and latency percentiles it saw.
     */
    private Round wrkRound(URI uri, String token, int secs) throws Exception {
        Path script = Files.createTempFile("write-path-", ".lua");
        try {
            Files.writeString(script, WRK_SCRIPT.replace("@TOKEN@", token).replace("@BODY@", luaString(BODY)));
            Process wrk = new ProcessBuilder("wrk", "-t", String.valueOf(Math.min(2, concurrency)), "-c", String.valueOf(concurrency),
                    "-d", secs + "s", "--timeout", "10s", "-s", script.toString(), uri.toString())
                    .redirectErrorStream(true).start();
            String out = new String(wrk.getInputStream().readAllBytes());
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + out);
            }
            String summary = out.lines().filter(l -> l.startsWith("WRK ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("wrk printed no summary: " + out));
            String[] f = summary.split(" ");
            long requests = Long.parseLong(f[1]);
            double elapsed = Long.parseLong(f[2]) / 1e6;
            long refused = Long.parseLong(f[3]) + Long.parseLong(f[4]);
            if (refused > 0) {
                System.out.printf("  (%d requests did not answer 201 or failed)%n", refused);
            }
            return new Round((requests - refused) / elapsed, Long.parseLong(f[5]), Long.parseLong(f[6]), null);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String luaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Every request its own title (thread number and counter); non-201 answers and socket errors counted as refused. */
    private static final String WRK_SCRIPT = """
            local threads = {}
            function setup(thread)
              thread:set("id", #threads + 1)
              table.insert(threads, thread)
            end
            function init(args)
              n = 0
              refused = 0
              template = @BODY@
            end
            function request()
              n = n + 1
              return wrk.format("POST", nil, {["Content-Type"] = "application/json",
                ["Authorization"] = "Bearer @TOKEN@"}, string.format(template, "wrk-" .. id .. "-" .. n))
            end
            function response(status, headers, body)
              if status ~= 201 then refused = refused + 1 end
            end
            function done(summary, latency, requests)
              local refusedAll = 0
              for _, t in ipairs(threads) do refusedAll = refusedAll + t:get("refused") end
              local e = summary.errors
              io.write(string.format("WRK %d %d %d %d %d %d\\n", summary.requests, summary.duration, refusedAll,
                e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
            end
            """;

    private Round jdkRound(URI uri, String token, int secs) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<List<Long>> perThread = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int t = 0; t < concurrency; t++) {
            List<Long> mine = new ArrayList<>();
            perThread.add(mine);
            startThread(() -> {
                try {
                    while (!stop.get()) {
                        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(UUID.randomUUID()))).build();
                        long t0 = System.nanoTime();
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        mine.add((System.nanoTime() - t0) / 1000);
                        if (r.statusCode() == 201) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        long t0 = System.nanoTime();
        Thread.sleep(secs * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        if (failed.get() > 0) {
            System.out.printf("  (%d requests did not answer 201)%n", failed.get());
        }
        List<Long> latencies = perThread.stream().flatMap(List::stream).sorted().collect(Collectors.toList());
        return new Round(ok.get() / elapsed, percentile(latencies, 0.50), percentile(latencies, 0.99), null);
    }

    /** The same two rows the service writes per statement, committed together, straight through JDBC. */
    private double rawRound(TestDatabase.Jdbc db, int secs) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger committed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        String payload = BODY.formatted("x").repeat(2); // about the size of an event envelope
        for (int t = 0; t < concurrency; t++) {
            startThread(() -> {
                try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
                     PreparedStatement statement = c.prepareStatement("INSERT INTO problem_statement (id, agency_code, agency_name, "
                             + "agency_domain, title, description, themes, horizon, contact_name, contact_email, status, version, "
                             + "created_at, updated_at) VALUES (?, 'RAW', 'Raw Agency', 'transport', 'Raw commit', ?, "
                             + "'[\"smart-cities\"]', 'LONG_TERM', 'Raw', 'raw@agency.example', 'OPEN', 0, ?, ?)");
                     PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox_event (event_id, topic, record_key, "
                             + "event_type, payload, created_at, attempts, published_at) VALUES (?, 'raw', ?, 'Raw', ?, ?, 0, ?)")) {
                    c.setAutoCommit(false);
                    while (!stop.get()) {
                        String id = UUID.randomUUID().toString();
                        Timestamp now = Timestamp.from(Instant.now());
                        statement.setString(1, id);
                        statement.setString(2, "A description as long as the benchmark's: " + payload.substring(0, 160));
                        statement.setTimestamp(3, now);
                        statement.setTimestamp(4, now);
                        statement.executeUpdate();
                        outbox.setString(1, UUID.randomUUID().toString());
                        outbox.setString(2, id);
                        outbox.setString(3, payload);
                        outbox.setTimestamp(4, now);
                        outbox.setTimestamp(5, now); // marked published: the relay leaves these alone
                        outbox.executeUpdate();
                        c.commit();
                        committed.incrementAndGet();
                    }
                } catch (Exception e) {
                    System.out.println("  raw writer failed: " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        long t0 = System.nanoTime();
        Thread.sleep(secs * 1000L);
        stop.set(true);
        done.await();
        return committed.get() / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * The database server's counters of statements by kind (MariaDB/MySQL {@code Com_*}, and
     * {@code Questions}: every statement a client sent), server-wide: the benchmark is alone on it.
     */
    private static Map<String, Long> statementCounts(TestDatabase.Jdbc db) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement status = c.prepareStatement("SHOW GLOBAL STATUS WHERE Variable_name LIKE 'Com\\_%' "
                     + "OR Variable_name IN ('Questions', 'Handler_commit', 'Innodb_data_fsyncs')");
             java.sql.ResultSet rows = status.executeQuery()) {
            while (rows.next()) {
                try {
                    counts.put(rows.getString(1), Long.parseLong(rows.getString(2)));
                } catch (NumberFormatException notACounter) {
                    // a few status rows are not numbers
                }
            }
        }
        return counts;
    }

    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, v)));
        return delta;
    }

    /** The counters that moved, per operation, largest first (the counting queries themselves are included, a few in all). */
    private static String perOperation(Map<String, Long> delta, double operations) {
        return largestFirst(delta).stream().filter(e -> e.getValue() / operations >= 0.005)
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey().replaceFirst("^Com_", ""), e.getValue() / operations))
                .collect(Collectors.joining(", "));
    }


    /** Self time by method of the service's threads: the top frame of each CPU sample. */
    private void printProfile(Path recording, List<Instant[]> windows) throws Exception {
        Map<String, Integer> selfSamples = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> oursInclusive = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                    || e.getStackTrace().getFrames().isEmpty()
                    || windows.stream().noneMatch(w -> !e.getStartTime().isBefore(w[0]) && e.getStartTime().isBefore(w[1]))) {
                continue; // outside the measured service rounds
            }
            String thread = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
            if (thread == null || CpuShares.isLoadGenerator(thread)) {
                continue; // the load generator's own threads
            }
            total++;
            RecordedFrame top = e.getStackTrace().getFrames().get(0);
            String method = top.getMethod().getType().getName() + "." + top.getMethod().getName();
            selfSamples.merge(method, 1, Integer::sum);
            packages.merge(area(e.getStackTrace().getFrames()), 1, Integer::sum);
            e.getStackTrace().getFrames().stream().map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                    .filter(m -> m.startsWith("io.innoleap.") && !m.contains("$Definition") && !m.contains("$Intercepted")
                            && !m.contains("$$Lambda") && !m.contains(".lambda$")).distinct().forEach(m -> oursInclusive.merge(m, 1, Integer::sum));
        }
        System.out.printf("CPU profile of the service (%d samples, self time):%n", total);
        int shown = 0;
        for (Map.Entry<String, Integer> m : largestFirst(selfSamples)) {
            if (shown++ == profileTop) {
                break;
            }
            System.out.printf("  %5.1f %%  %s%n", 100.0 * m.getValue() / total, m.getKey());
        }
        System.out.println("our methods, total time (the method and what it calls):");
        for (Map.Entry<String, Integer> m : largestFirst(oursInclusive).subList(0, Math.min(profileTop, oursInclusive.size()))) {
            System.out.printf("  %5.1f %%  %s%n", 100.0 * m.getValue() / total, m.getKey());
        }
        System.out.println("by area (first frame of ours or of a known library on the stack):");
        for (Map.Entry<String, Integer> m : largestFirst(packages)) {
            System.out.printf("  %5.1f %%  %s%n", 100.0 * m.getValue() / total, m.getKey());
        }
    }

    private static final List<String> AREAS = List.of("io.innoleap.", "com.nimbusds.", "io.micronaut.security.",
            "io.micronaut.validation.", "io.micronaut.serde.", "com.fasterxml.jackson.", "io.micronaut.data.",
            "org.mariadb.jdbc.", "com.mysql.", "com.zaxxer.hikari.", "org.apache.kafka.", "io.netty.", "io.micronaut.http.",
            "ch.qos.logback.", "org.flywaydb.", "io.micronaut.");

    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (String a : AREAS) {
                if (type.startsWith(a)) {
                    return a + "*";
                }
            }
        }
        return "JDK and other";
    }

    /** Entries by value, largest first. */
    private static <K, V extends Comparable<V>> List<Map.Entry<K, V>> largestFirst(Map<K, V> counts) {
        List<Map.Entry<K, V>> list = new ArrayList<>(counts.entrySet());
        list.sort(Map.Entry.<K, V>comparingByValue().reversed());
        return list;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long percentile(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }

    private static final AtomicInteger LOAD_THREADS = new AtomicInteger();

    private static void startThread(Runnable work) {
        Thread t = new Thread(work, CpuShares.LOAD_THREAD_PREFIX + LOAD_THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }
}
