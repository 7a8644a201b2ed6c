package io.innoleap.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a running stack takes to settle after an import through the public API: posts problem
 * statements, then solution profiles (variants of the demo data set's, each owned as
 * {@link DemoData} owns them), paced at a rate, and watches {@code innoleap.matches} until no match
 * event has come for a while. Prints the time from the last acknowledged write to the last match
 * event (after it, every list is final), the events, and how many of the new statements have a list.
 */
@Command(name = "./innoleap-local settle", sortOptions = false, usageHelpWidth = 100,
        description = {"Imports problem statements, then solution profiles, into a running stack through the public API"
                + " and prints how long after the last write the last match event came."})
public final class ImportSettle implements Callable<Integer> {

    private static final String MATCHES = "innoleap.matches";

    @Option(names = "--problems", paramLabel = "N", description = "problem statements to post first (default 40)")
    int problems = 40;

    @Option(names = "--profiles", paramLabel = "N", description = "solution profiles to post next (default 100)")
    int profiles = 100;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "writes started per second (default 300)")
    double rate = 300;

    @Option(names = "--quiet-for", paramLabel = "SECONDS", description = "no match event for this long ends the wait (default 10)")
    int quietSeconds = 10;

    @Option(names = "--port", paramLabel = "NAME=N", description = "a port other than the default, as for ./innoleap-local")
    List<String> portAssignments = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    /** The repository; the script passes it (not needed here). */
    @Option(names = "--root", hidden = true)
    Path root;

    private final ObjectMapper json = new ObjectMapper();

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.exit(command().execute(args));
    }

    /** The command line: a bad option or value gets one line with the reason, the usage, and exit 64. */
    static CommandLine command() {
        CommandLine cli = new CommandLine(new ImportSettle()).setSeparator(" ");
        cli.setParameterExceptionHandler((e, args) -> {
            System.err.println(PROGRAM + ": " + e.getMessage());
            e.getCommandLine().usage(System.err);
            return 64;
        });
        return cli;
    }

    private static final String PROGRAM = "innoleap-local settle";

    @Override
    public Integer call() throws Exception {
        if (problems < 0 || profiles < 0 || problems + profiles == 0 || !(rate > 0) || quietSeconds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--problems and --profiles must not be negative nor both 0, --rate and --quiet-for must be positive");
        }
        List<String> portArgs = new ArrayList<>();
        portAssignments.forEach(p -> {
            portArgs.add("--port");
            portArgs.add(p);
        });
        StackOptions o;
        try {
            o = StackOptions.parse(portArgs.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        List<String> notHealthy = DemoData.notHealthy(o);
        if (notHealthy == null) {
            return 130;
        }
        if (!notHealthy.isEmpty()) {
            System.err.println(PROGRAM + ": not healthy: " + String.join(", ", notHealthy) + "; start the stack first (./innoleap-local)");
            return 1;
        }
        StackUrls urls = StackUrls.of(o);
        Tokens tokens = new Tokens(urls.issuer());

        JsonNode data = DemoData.dataSet();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < problems; i++) {
            ObjectNode s = (ObjectNode) data.get("problemStatements").get(i % data.get("problemStatements").size()).deepCopy();
            s.put("title", s.get("title").asText() + " (import " + run + " #" + i + ")");
            writes.add(new Write(urls.problems() + "/api/problem-statements", s.toString(), DemoData.ownerOfStatement(s), true));
        }
        for (int i = 0; i < profiles; i++) {
            ObjectNode p = (ObjectNode) data.get("solutionProfiles").get(i % data.get("solutionProfiles").size()).deepCopy();
            p.put("solutionName", p.get("solutionName").asText() + " " + run + "-" + i);
            writes.add(new Write(urls.solutions() + "/api/solution-profiles", p.toString(), DemoData.ownerOfProfile(p), false));
        }
        writes.stream().map(Write::user).distinct().forEach(tokens::of); // tokens first, outside the timing

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        try (MatchWatch watch = new MatchWatch("127.0.0.1:" + o.port("kafka"))) {
            watch.start();
            Semaphore inFlight = new Semaphore(16);
            AtomicLong lastAck = new AtomicLong();
            AtomicInteger failed = new AtomicInteger();
            List<String> problemIds = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<?>> sent = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < writes.size(); i++) {
                long due = t0 + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                Write w = writes.get(i);
                inFlight.acquire();
                HttpRequest request = HttpRequest.newBuilder(URI.create(w.url())).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .header("Authorization", "Bearer " + tokens.of(w.user()))
                        .POST(HttpRequest.BodyPublishers.ofString(w.body())).build();
                sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    inFlight.release();
                    if (e != null || r.statusCode() != 201) {
                        failed.incrementAndGet();
                        System.err.println("settle: POST " + w.url() + " as " + w.user() + " -> "
                                + (e != null ? e.toString() : r.statusCode() + " " + r.body()));
                        return;
                    }
                    lastAck.accumulateAndGet(System.nanoTime(), Math::max);
                    if (w.problem()) {
                        try {
                            problemIds.add(json.readTree(r.body()).get("id").asText());
                        } catch (Exception ex) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            long writesTook = lastAck.get() - t0;
            if (failed.get() > 0) {
                System.err.printf("settle: %d of %d writes failed%n", failed.get(), writes.size());
                return 1;
            }
            long lastEvent = watch.awaitQuiet(Duration.ofSeconds(quietSeconds), Duration.ofMinutes(5));
            int withList = 0;
            for (String id : problemIds) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(urls.matcher()
                                + "/api/matches?limit=10&problemStatementId=" + id))
                        .header("Authorization", "Bearer " + tokens.of(DemoData.OFFICE)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && json.readTree(r.body()).path("items").size() > 0) {
                    withList++;
                }
            }
            System.out.printf(Locale.ROOT, "import through the API: %d problem statements, then %d solution profiles, started at %.0f/s%n",
                    problems, profiles, rate);
            System.out.printf(Locale.ROOT, "  writes took %.2f s (all answered 201)%n", writesTook / 1e9);
            if (lastEvent == 0) {
                System.out.println("  no match event came");
            } else {
                System.out.printf(Locale.ROOT, "  the last match event came %,d ms after the last write (%,d match events; none for %d s after it)%n",
                        (lastEvent - lastAck.get()) / 1_000_000, watch.events(), quietSeconds);
            }
            System.out.printf(Locale.ROOT, "  %d of %d new problem statements have a list at the matcher%n", withList, problemIds.size());
            return 0;
        }
    }

    private record Write(String url, String body, String user, boolean problem) {
    }

    /** Reads innoleap.matches (committed records) from its end as it was when started; notes when each record came. */
    private static final class MatchWatch implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Thread thread;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong lastEventNanos = new AtomicLong();
        private final AtomicInteger events = new AtomicInteger();
        private final CountDownLatch positioned = new CountDownLatch(1);

        MatchWatch(String bootstrap) {
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.CLIENT_ID_CONFIG, "innoleap-local-settle");
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(c);
            thread = new Thread(this::run, "settle-match-watch");
            thread.setDaemon(true);
        }

        void start() throws InterruptedException {
            thread.start();
            if (!positioned.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("cannot read " + MATCHES + " (is the stack running?)");
            }
        }

        private void run() {
            List<TopicPartition> partitions = consumer.partitionsFor(MATCHES, Duration.ofSeconds(20)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(20)));
            positioned.countDown();
            while (!stop.get()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(50));
                if (!records.isEmpty()) {
                    events.addAndGet(records.count());
                    lastEventNanos.set(System.nanoTime());
                }
            }
        }

        /** Waits until no event came for {@code quiet} (or {@code max} passed); the time of the last event, 0 for none. */
        long awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            long since = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long last = Math.max(lastEventNanos.get(), since);
                if (System.nanoTime() - last >= quiet.toNanos()) {
                    break;
                }
                Thread.sleep(100);
            }
            return lastEventNanos.get();
        }

        int events() {
            return events.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(5000);
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
