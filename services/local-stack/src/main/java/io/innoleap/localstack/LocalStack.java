package io.innoleap.localstack;

import io.innoleap.kafka.KafkaBrokerProcess;
import io.innoleap.localstack.mail.MailCatcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The local stack: a real Kafka broker (KRaft, child JVM), the mail catcher (child JVM) and the four
 * services (each {@code java -jar} of its shaded jar), all keeping their data under one folder.
 *
 * <p>Start order: mail catcher and broker, then the services together; it waits until every
 * service's {@code /health} answers 200. Stop order (Ctrl-C / SIGTERM): services, broker, mail
 * catcher, so that no service loses Kafka or SMTP while it is still closing.
 *
 * <p>Exit codes: 0 after a normal stop, 1 when something did not come up, 2 when a port is taken,
 * 64 for bad arguments.
 */
public final class LocalStack {

    /** Printed once every service is healthy; scripts (and the end-to-end test) wait for it. */
    public static final String READY_MARKER = "Local stack ready";

    private final StackOptions options;
    private final Console console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<ServiceSpec, ChildProcess> services = new LinkedHashMap<>();
    private final List<ServiceSpec> skipped = new ArrayList<>();
    private KafkaBrokerProcess broker;
    private ChildProcess mail;
    private volatile boolean stopping;

    LocalStack(StackOptions options, Console console) {
        this.options = options;
        this.console = console;
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("innoleap-local: " + e.getMessage());
            System.err.print(StackOptions.USAGE);
            System.exit(64);
            return;
        }
        if (options.help) {
            System.out.print(StackOptions.USAGE);
            return;
        }
        LocalStack stack = new LocalStack(options, new Console(System.out, start));
        int code = stack.run();
        if (code != 0) {
            System.exit(code); // the shutdown hook stops whatever did start
        }
        awaitStop();
    }

    private static void awaitStop() {
        try {
            new CountDownLatch(1).await(); // the shutdown hook does the stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts everything; returns 0 once all is healthy, or the exit code of a failure (already explained). */
    int run() {
        console.progress("InnoLeap local stack: data and logs in " + options.dataDir);
        List<ServiceSpec> toStart = new ArrayList<>();
        Map<ServiceSpec, Path> jars = new HashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Path jar = Files.isRegularFile(spec.jar(options.root)) ? snapshot(spec) : spec.jar(options.root);
            jars.put(spec, jar);
            switch (spec.jarStateOf(jar)) {
                case RUNNABLE -> toStart.add(spec);
                case NOT_A_SERVICE_YET -> {
                    skipped.add(spec);
                    console.progress("skipping " + spec.name() + ": its jar has no " + spec.mainClass()
                            + " yet (the service is still being built)");
                }
                case MISSING -> {
                    skipped.add(spec);
                    console.progress("skipping " + spec.name() + ": " + options.root.relativize(spec.jar(options.root))
                            + " is not built (run without --no-build, or ./mvnw -q -DskipTests install)");
                }
            }
        }
        if (toStart.isEmpty()) {
            console.plain("innoleap-local: none of the services is built; run ./innoleap-local without --no-build"
                    + " (it runs ./mvnw -q -DskipTests install).");
            return 1;
        }
        if (!portsFree(toStart)) {
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-stack-stop"));
        try {
            Files.createDirectories(options.dataDir.resolve("logs"));
        } catch (IOException e) {
            console.plain("innoleap-local: cannot create " + options.dataDir + ": " + e.getMessage());
            return 1;
        }

        long t = System.nanoTime();
        console.progress("starting mail catcher (SMTP " + options.port("smtp") + ", web " + options.port("mail") + ")");
        mail = ChildProcess.start("mail", javaCommand(List.of("-Xms16m", "-Xmx48m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", System.getProperty("java.class.path"),
                        MailCatcher.class.getName(), "--smtp-port", String.valueOf(options.port("smtp")),
                        "--http-port", String.valueOf(options.port("mail")),
                        "--data-dir", options.dataDir.resolve("mail").toString())),
                Map.of(), options.root, options.dataDir.resolve("logs").resolve("mail.log"), consoleFor("mail"));

        console.progress("starting Kafka broker (KRaft) on 127.0.0.1:" + options.port("kafka"));
        try {
            broker = KafkaBrokerProcess.create(options.dataDir.resolve("kafka"), options.port("kafka"))
                    .start(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            console.plain("innoleap-local: the Kafka broker did not start: " + e.getMessage());
            return 1;
        }
        console.progress(String.format(Locale.ROOT, "Kafka ready in %.1fs (log: %s)", secondsSince(t), broker.logFile()));

        if (!awaitHttp(mail, "mail catcher", "http://127.0.0.1:" + options.port("mail") + "/readyz", Duration.ofSeconds(60))) {
            return 1;
        }
        console.progress(String.format(Locale.ROOT, "mail catcher ready in %.1fs", secondsSince(t)));

        String bootstrap = broker.bootstrapServers();
        for (ServiceSpec spec : toStart) {
            console.progress("starting " + spec.name() + " on port " + options.port(spec.label()));
            services.put(spec, ChildProcess.start(spec.label(), serviceCommand(spec, jars.get(spec)), serviceEnv(spec, bootstrap),
                    serviceDir(spec), options.dataDir.resolve("logs").resolve(spec.name() + ".log"),
                    consoleFor(spec.label())));
        }
        long servicesStart = System.nanoTime();
        if (!awaitHealthy(servicesStart)) {
            return 1;
        }
        printSummary();
        watchForCrashes();
        if (options.demo) {
            new DemoData(urls(), console::line, options.dataDir).load();
        }
        return 0;
    }

    private boolean portsFree(List<ServiceSpec> toStart) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (ServiceSpec spec : toStart) {
            wanted.put(spec.name(), options.port(spec.label()));
        }
        wanted.put("Kafka broker", options.port("kafka"));
        wanted.put("mail catcher SMTP", options.port("smtp"));
        wanted.put("mail catcher web page and API", options.port("mail"));
        boolean ok = true;
        Map<Integer, String> seen = new HashMap<>();
        for (Map.Entry<String, Integer> e : wanted.entrySet()) {
            String other = seen.putIfAbsent(e.getValue(), e.getKey());
            if (other != null) {
                console.plain("innoleap-local: port " + e.getValue() + " is given to both " + other + " and " + e.getKey() + ".");
                ok = false;
            } else if (!Ports.isFree(e.getValue())) {
                String key = optionName(e.getKey());
                console.plain("innoleap-local: port " + e.getValue() + " (" + e.getKey() + ") is already in use"
                        + " (another local stack or docker compose still running?); stop that, or pick another with --port "
                        + key + "=N.");
                ok = false;
            }
        }
        return ok;
    }

    private static String optionName(String what) {
        if (what.startsWith("Kafka")) {
            return "kafka";
        }
        if (what.endsWith("SMTP")) {
            return "smtp";
        }
        if (what.startsWith("mail")) {
            return "mail";
        }
        return what.replace("-service", "");
    }

    private List<String> serviceCommand(ServiceSpec spec, Path jar) {
        List<String> args = new ArrayList<>(spec.jvmFlags());
        args.add("-XX:+ExitOnOutOfMemoryError");
        args.add("-Djava.awt.headless=true");
        if (spec.label().equals("scheduler")) {
            // Exact property names (JavaMail's map keys do not survive env-var relaxation reliably).
            args.add("-Djavamail.properties.mail.smtp.host=127.0.0.1");
            args.add("-Djavamail.properties.mail.smtp.port=" + options.port("smtp"));
            args.add("-Dinnoleap.scheduler.public-base-url=" + publicBaseUrl());
        }
        args.add("-jar");
        args.add(jar.toString());
        return javaCommand(args);
    }

    /**
     * The service runs a copy of its jar: rebuilding with ./mvnw while the stack runs rewrites the jar
     * in place, and a JVM that still loads classes from it would fail with NoClassDefFoundError.
     */
    private Path snapshot(ServiceSpec spec) {
        Path source = spec.jar(options.root);
        Path copy = options.dataDir.resolve("jars").resolve(source.getFileName());
        try {
            Files.createDirectories(copy.getParent());
            if (!Files.exists(copy) || Files.size(copy) != Files.size(source)
                    || !Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(source))) {
                Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp");
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return copy;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot copy " + source + " to " + copy, e);
        }
    }

    private String publicBaseUrl() {
        return "http://localhost:" + options.port("scheduler");
    }

    private Map<String, String> serviceEnv(ServiceSpec spec, String bootstrap) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(options.port(spec.label())));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("INNOLEAP_DATA_DIR", serviceDir(spec).toString());
        env.put("INNOLEAP_SCHEDULER_PUBLIC_BASE_URL", publicBaseUrl());
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(options.port("smtp")));
        // The local stack is the embedded H2 set-up: a database URL left in the shell (say, from
        // running tests against MySQL) must not point four services at one foreign schema.
        for (String name : List.of("DATASOURCES_DEFAULT_URL", "DATASOURCES_DEFAULT_USERNAME",
                "DATASOURCES_DEFAULT_PASSWORD", "DATASOURCES_DEFAULT_DRIVER_CLASS_NAME")) {
            env.put(name, null);
        }
        return env;
    }

    private Path serviceDir(ServiceSpec spec) {
        Path dir = options.dataDir.resolve(spec.name());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        return dir;
    }

    private static List<String> javaCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        return cmd;
    }

    private java.util.function.Consumer<String> consoleFor(String label) {
        if (options.quiet) {
            return null;
        }
        return line -> console.line(label, line);
    }

    private boolean awaitHttp(ChildProcess process, String what, String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                console.plain("innoleap-local: the " + what + " exited with code " + process.exitValue()
                        + " while starting. Last lines of " + process.logFile() + ":\n" + process.tail(25));
                return false;
            }
            if (get(url).status == 200) {
                return true;
            }
            sleep(200);
        }
        console.plain("innoleap-local: the " + what + " did not answer " + url + " within " + timeout.toSeconds()
                + " s. Last lines of " + process.logFile() + ":\n" + process.tail(25));
        return false;
    }

    private boolean awaitHealthy(long since) {
        long deadline = since + options.timeout.toNanos();
        Map<ServiceSpec, Answer> last = new HashMap<>();
        List<ServiceSpec> pending = new ArrayList<>(services.keySet());
        while (!pending.isEmpty()) {
            for (ServiceSpec spec : List.copyOf(pending)) {
                ChildProcess p = services.get(spec);
                if (!p.isAlive()) {
                    console.plain("innoleap-local: " + spec.name() + " exited with code " + p.exitValue()
                            + " before it was healthy. Last lines of " + p.logFile() + ":\n" + p.tail(25));
                    return false;
                }
                Answer a = get("http://127.0.0.1:" + options.port(spec.label()) + "/health");
                last.put(spec, a);
                if (a.status == 200) {
                    pending.remove(spec);
                    console.progress(String.format(Locale.ROOT, "%s healthy in %.1fs (http://localhost:%d)",
                            spec.name(), secondsSince(since), options.port(spec.label())));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                for (ServiceSpec spec : pending) {
                    Answer a = last.get(spec);
                    console.plain("innoleap-local: " + spec.name() + " was not healthy within " + options.timeout.toSeconds()
                            + " s (last GET /health: " + (a == null || a.status < 0 ? "no answer" : a.status + " " + abbreviate(a.body))
                            + "). Last lines of " + services.get(spec).logFile() + ":\n" + services.get(spec).tail(25));
                }
                return false;
            }
            sleep(500);
        }
        return true;
    }

    private record Answer(int status, String body) {
    }

    private Answer get(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s == null ? "" : s.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    /** Where each running part answers; the demo loader and the summary use it. */
    StackUrls urls() {
        return new StackUrls(
                url("problem"), url("solution"), url("matcher"), url("scheduler"),
                "http://localhost:" + options.port("mail"),
                services.keySet().stream().map(ServiceSpec::label).collect(Collectors.toSet()));
    }

    private String url(String label) {
        return "http://localhost:" + options.port(label);
    }

    private void printSummary() {
        StringBuilder b = new StringBuilder();
        b.append('\n');
        b.append(String.format(Locale.ROOT, "  %-18s %-26s %s%n", "", "API", "Swagger UI"));
        for (ServiceSpec spec : services.keySet()) {
            String base = url(spec.label());
            b.append(String.format(Locale.ROOT, "  %-18s %-26s %s/swagger-ui/index.html%n", spec.name(), base, base));
        }
        for (ServiceSpec spec : skipped) {
            b.append(String.format(Locale.ROOT, "  %-18s (not started: not built as a service)%n", spec.name()));
        }
        b.append(String.format(Locale.ROOT, "  %-18s http://localhost:%d/   (SMTP on localhost:%d)%n", "mail catcher",
                options.port("mail"), options.port("smtp")));
        b.append(String.format(Locale.ROOT, "  %-18s 127.0.0.1:%d%n", "Kafka", options.port("kafka")));
        b.append(String.format(Locale.ROOT, "  %-18s %s (logs in %s)%n", "data", options.dataDir, options.dataDir.resolve("logs")));
        String memory = Memory.describe(labelsByPid());
        if (!memory.isEmpty()) {
            b.append(String.format(Locale.ROOT, "  %-18s %s%n", "memory (RSS)", memory));
        }
        console.plain(b.toString());
        console.progress(String.format(Locale.ROOT, "%s in %.1fs: %d services healthy%s. Ctrl-C stops it; the data stays.",
                READY_MARKER, console.elapsedSeconds(), services.size(),
                skipped.isEmpty() ? "" : ", not started: " + skipped.stream().map(ServiceSpec::name).collect(Collectors.joining(", "))));
    }

    private Map<Long, String> labelsByPid() {
        Map<Long, String> labels = new HashMap<>();
        labels.put(ProcessHandle.current().pid(), "launcher");
        labels.put(mail.pid(), "mail");
        services.forEach((spec, p) -> labels.put(p.pid(), spec.label()));
        ProcessHandle.current().descendants().forEach(h -> labels.putIfAbsent(h.pid(), "kafka"));
        return labels;
    }

    private void watchForCrashes() {
        services.forEach((spec, p) -> p.process().onExit().thenRun(() -> {
            if (!stopping) {
                console.progress(spec.name() + " stopped unexpectedly (exit code " + p.exitValue() + "); see "
                        + p.logFile() + ". The rest keeps running; Ctrl-C and start again to restart it.");
            }
        }));
    }

    /** Services first (in parallel), then the broker, then the mail catcher. Safe to call twice. */
    synchronized void stopAll() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (!services.isEmpty()) {
            console.progress("stopping " + services.keySet().stream().map(ServiceSpec::name).collect(Collectors.joining(", ")));
            List<Thread> threads = new ArrayList<>();
            services.forEach((spec, p) -> {
                Thread th = new Thread(() -> {
                    long t = System.nanoTime();
                    p.stop(30);
                    console.progress(String.format(Locale.ROOT, "%s stopped (%.1fs)", spec.name(), secondsSince(t)));
                }, "stop-" + spec.label());
                th.start();
                threads.add(th);
            });
            for (Thread th : threads) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (broker != null) {
            long t = System.nanoTime();
            broker.close();
            console.progress(String.format(Locale.ROOT, "Kafka broker stopped (%.1fs)", secondsSince(t)));
        }
        if (mail != null) {
            mail.stop(10);
            console.progress("mail catcher stopped");
        }
        console.progress("stopped; data kept in " + options.dataDir);
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
