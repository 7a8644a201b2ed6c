package io.innoleap.localstack;

import io.innoleap.kafka.KafkaBrokerProcess;
import io.innoleap.localstack.mail.MailCatcher;
import io.innoleap.mariadb.MariaDbServerCommand;
import io.innoleap.oidc.OidcProviderProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The local stack: one MariaDB server (embedded-mariadb's binaries, {@code mariadbd} as a child, a
 * database per service), a real Kafka broker (KRaft, child JVM), an OpenID Connect provider with the
 * demo users (embedded-oidc, child JVM), the mail catcher (child JVM) and the four services (each
 * {@code java -jar} of its shaded jar), all keeping their data under one folder.
 *
 * <p>Start order: database, mail catcher, identity provider and broker side by side, then the
 * services together; it waits until every service's {@code /health} answers 200. From then on a part
 * that dies is started again with back-off ({@link Supervisor}). Stop order (Ctrl-C / SIGTERM):
 * services, broker, identity provider, mail catcher, database, so that no service loses Kafka, its
 * token keys, SMTP or its database while it is still closing.
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
    /** The running process of each service; a restart replaces its entry. */
    private final Map<Replica, ChildProcess> services = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Supervisor supervisor;
    private KafkaBrokerProcess broker;
    private OidcProviderProcess oidc;
    private volatile ChildProcess mail;
    private volatile ChildProcess database;
    private MariaDbServerCommand databaseCommand;
    private volatile boolean stopping;
    private java.nio.channels.FileLock dataDirLock;

    /**
     * One running copy of a service. Replica 1 answers on the service's port; with {@code --replicas N}
     * replica n on that port + 100 * (n - 1), with its own log and folder, the same database and Kafka
     * (the services share work through their Kafka consumer groups and the database's leases).
     */
    record Replica(ServiceSpec spec, int number, int port) {
        String name() {
            return number == 1 ? spec.name() : spec.name() + "-" + number;
        }

        String label() {
            return number == 1 ? spec.label() : spec.label() + "-" + number;
        }
    }

    private List<Replica> replicas() {
        List<Replica> all = new ArrayList<>();
        for (int n = 1; n <= options.replicas; n++) {
            for (ServiceSpec spec : ServiceSpec.ALL) {
                all.add(new Replica(spec, n, options.port(spec.label()) + 100 * (n - 1)));
            }
        }
        return all;
    }

    /** The database of each service on the stack's MariaDB, named as docker compose names them on MySQL. */
    static String databaseOf(ServiceSpec spec) {
        return switch (spec.label()) {
            case "problem" -> "problems";
            case "solution" -> "solutions";
            default -> spec.label();
        };
    }

    LocalStack(StackOptions options, Console console) {
        this.options = options;
        this.console = console;
        this.supervisor = new Supervisor(console::progress);
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        StackOptions options = StackOptions.parseOrExit(args, "innoleap-local");
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
        List<String> notBuilt = ServiceSpec.ALL.stream().map(spec -> spec.jar(options.root))
                .filter(jar -> !Files.isRegularFile(jar)).map(jar -> options.root.relativize(jar).toString()).toList();
        if (!notBuilt.isEmpty()) {
            console.plain("innoleap-local: not built: " + String.join(", ", notBuilt) + "; run ./innoleap-local without"
                    + " --no-build (it runs ./mvnw -q -DskipTests install).");
            return 1;
        }
        Map<ServiceSpec, Path> jars = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            jars.put(spec, snapshot(spec));
        }
        if (!lockDataDir()) {
            return 2;
        }
        stopLeftovers();
        if (!portsFree()) {
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
        console.progress("starting MariaDB on 127.0.0.1:" + options.port("mariadb") + " (data " + databaseHome() + ")");
        CompletableFuture<Void> databaseReady = CompletableFuture.runAsync(this::startDatabase);
        console.progress("starting mail catcher (SMTP " + options.port("smtp") + ", web " + options.port("mail") + ")");
        mail = startMail(false);

        // The provider's signing key is made once and kept with the data: tokens outlive a restart.
        Path oidcDir = options.dataDir.resolve("oidc");
        oidc = OidcProviderProcess.create(oidcDir, options.port("oidc"), null, oidcDir.resolve("signing-key.json"));
        console.progress("starting identity provider (OIDC) on port " + options.port("oidc"));
        CompletableFuture<Void> oidcReady = CompletableFuture.runAsync(() -> oidc.start(Duration.ofSeconds(120)));

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
        try {
            oidcReady.join();
        } catch (CompletionException e) {
            console.plain("innoleap-local: the identity provider did not start: " + e.getCause().getMessage());
            return 1;
        }
        console.progress(String.format(Locale.ROOT, "identity provider ready in %.1fs: issuer %s (log: %s)", secondsSince(t),
                urls().issuer(), oidc.logFile()));
        try {
            databaseReady.join();
        } catch (CompletionException e) {
            console.plain("innoleap-local: the database (MariaDB) did not start: " + e.getCause().getMessage());
            return 1;
        }
        console.progress(String.format(Locale.ROOT, "MariaDB ready in %.1fs: databases %s (log: %s)", secondsSince(t),
                ServiceSpec.ALL.stream().map(LocalStack::databaseOf).collect(Collectors.joining(", ")),
                options.dataDir.resolve("logs").resolve("mariadb.log")));

        for (Replica r : replicas()) {
            console.progress("starting " + r.name() + " on port " + r.port());
            services.put(r, startService(r, jars.get(r.spec()), false));
        }
        long servicesStart = System.nanoTime();
        if (!awaitHealthy(servicesStart)) {
            return 1;
        }
        printSummary();
        superviseAll(jars);
        if (options.demo) {
            new DemoData(urls(), console::line, options.dataDir).load();
        }
        return 0;
    }

    /**
     * One launcher per data folder: the lock is the operating system's, so it goes with the process
     * however that ends (kill -9 included), and the next start knows no launcher owns the folder.
     */
    private boolean lockDataDir() {
        try {
            Files.createDirectories(options.dataDir);
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(options.dataDir.resolve(".lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            dataDirLock = channel.tryLock();
            if (dataDirLock == null) {
                channel.close();
                console.plain("innoleap-local: another local stack is running on " + options.dataDir
                        + "; stop it (Ctrl-C), or give this one another --data-dir.");
                return false;
            }
            return true;
        } catch (IOException e) {
            console.plain("innoleap-local: cannot use " + options.dataDir + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Processes of an earlier launcher on this data folder that ended without stopping them (it was
     * killed, or its JVM crashed): the broker and the identity provider, which their own launchers
     * start, and on systems without {@code setpriv} all the others. Nobody else owns the folder (see
     * {@link #lockDataDir()}), so what still runs on it is stopped before anything starts.
     */
    private void stopLeftovers() {
        String dir = options.dataDir.toString();
        List<String> marks = List.of(dir + "/kafka/server.properties", dir + "/oidc/signing-key.json", dir + "/jars/",
                "--datadir=" + dir + "/mariadb/", "--data-dir " + dir + "/mail");
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> left = ProcessHandle.allProcesses().filter(h -> h.pid() != self)
                .filter(h -> marks.stream().anyMatch(commandLine(h)::contains)).toList();
        for (ProcessHandle h : left) {
            console.progress("stopping pid " + h.pid() + ", left running on " + dir + " by an earlier start that ended"
                    + " without stopping it: " + abbreviate(commandLine(h)));
            h.destroy();
        }
        for (ProcessHandle h : left) {
            try {
                h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    /** The whole command line: the JDK's is cut at 4 KB on Linux, before a broker's long class path ends. */
    private static String commandLine(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"), java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return h.info().commandLine().orElse("");
        }
    }

    private Path databaseHome() {
        return options.dataDir.resolve("mariadb");
    }

    /** Prepares MariaDB's files (the first time: unpacks the binaries, creates the system tables), starts it, creates the databases. */
    private void startDatabase() {
        databaseCommand = MariaDbServerCommand.prepare(databaseHome(), options.port("mariadb"));
        database = startDatabaseProcess(false);
        try (Connection c = DriverManager.getConnection(databaseCommand.mariadbUrl(""), "root", "");
             Statement s = c.createStatement()) {
            for (ServiceSpec spec : ServiceSpec.ALL) {
                s.execute("CREATE DATABASE IF NOT EXISTS `" + databaseOf(spec) + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the services' databases: " + e.getMessage(), e);
        }
    }

    /** Starts mariadbd and returns once it answers a query (up to two minutes: crash recovery after a kill takes a while). */
    private ChildProcess startDatabaseProcess(boolean restart) {
        ChildProcess p = ChildProcess.start("mariadb", databaseCommand.command(), databaseCommand.environment(),
                databaseCommand.workingDirectory(), options.dataDir.resolve("logs").resolve("mariadb.log"),
                consoleFor("mariadb"), restart, "TERM");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("mariadbd exited with code " + p.exitValue() + ". Last lines of " + p.logFile()
                        + ":\n" + p.tail(25));
            }
            if (Ports.accepts(options.port("mariadb"))) {
                try (Connection c = DriverManager.getConnection(databaseCommand.mariadbUrl("") + "?connectTimeout=2000", "root", "")) {
                    if (c.isValid(2)) {
                        return p;
                    }
                } catch (SQLException e) {
                    last = e;
                }
            }
            sleep(250);
        }
        p.stop(10);
        throw new IllegalStateException("MariaDB did not accept connections within 2 minutes"
                + (last == null ? "" : " (" + last.getMessage() + ")") + ". Last lines of " + p.logFile() + ":\n" + p.tail(25));
    }

    private ChildProcess startMail(boolean restart) {
        return ChildProcess.start("mail", javaCommand(List.of("-Xms16m", "-Xmx48m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", System.getProperty("java.class.path"),
                        MailCatcher.class.getName(), "--smtp-port", String.valueOf(options.port("smtp")),
                        "--http-port", String.valueOf(options.port("mail")),
                        "--data-dir", options.dataDir.resolve("mail").toString())),
                Map.of(), options.root, options.dataDir.resolve("logs").resolve("mail.log"), consoleFor("mail"), restart, "TERM");
    }

    private ChildProcess startService(Replica r, Path jar, boolean restart) {
        return ChildProcess.start(r.label(), serviceCommand(r.spec(), jar), serviceEnv(r, broker.bootstrapServers()),
                serviceDir(r), options.dataDir.resolve("logs").resolve(r.name() + ".log"), consoleFor(r.label()), restart,
                "KILL");
    }

    /** From now on every part that dies is started again (see {@link Supervisor}). */
    private void superviseAll(Map<ServiceSpec, Path> jars) {
        supervisor.watch("MariaDB", Supervisor.of(database, 60), () -> {
            database = startDatabaseProcess(true);
            return Supervisor.of(database, 60);
        }, null, Duration.ZERO);
        supervisor.watch("Kafka broker", brokerInstance(), () -> {
            broker.start(Duration.ofSeconds(120));
            return brokerInstance();
        }, null, Duration.ZERO);
        supervisor.watch("identity provider", oidcInstance(), () -> {
            oidc.start(Duration.ofSeconds(120));
            return oidcInstance();
        }, null, Duration.ZERO);
        supervisor.watch("mail catcher", Supervisor.of(mail, 10), () -> {
            mail = startMail(true);
            return Supervisor.of(mail, 10);
        }, () -> get("http://127.0.0.1:" + options.port("mail") + "/readyz").status == 200, Duration.ofSeconds(60));
        for (Replica r : replicas()) {
            String health = "http://127.0.0.1:" + r.port() + "/health";
            supervisor.watch(r.name(), Supervisor.of(services.get(r), 30), () -> {
                ChildProcess p = startService(r, jars.get(r.spec()), true);
                services.put(r, p);
                return Supervisor.of(p, 30);
            }, () -> get(health).status == 200, options.timeout);
        }
    }

    private Supervisor.Instance brokerInstance() {
        return new Supervisor.Instance() {
            @Override
            public boolean isAlive() {
                return broker.isAlive();
            }

            @Override
            public String exitDescription() {
                return null; // KafkaBrokerProcess keeps its process to itself
            }

            @Override
            public void stop() {
                broker.close();
            }
        };
    }

    private Supervisor.Instance oidcInstance() {
        return new Supervisor.Instance() {
            @Override
            public boolean isAlive() {
                return oidc.isAlive();
            }

            @Override
            public String exitDescription() {
                return null; // OidcProviderProcess keeps its process to itself
            }

            @Override
            public void stop() {
                oidc.close();
            }
        };
    }

    private boolean portsFree() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (Replica r : replicas()) {
            wanted.put(r.name(), r.port());
        }
        wanted.put("Kafka broker", options.port("kafka"));
        wanted.put("database (MariaDB)", options.port("mariadb"));
        wanted.put("identity provider (OIDC)", options.port("oidc"));
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
        if (what.startsWith("identity")) {
            return "oidc";
        }
        if (what.startsWith("database")) {
            return "mariadb";
        }
        if (what.endsWith("SMTP")) {
            return "smtp";
        }
        if (what.startsWith("mail")) {
            return "mail";
        }
        // Replica n of a service takes the service's port + 100 * (n - 1): moving the service moves it.
        return what.replaceFirst("-service(-[0-9]+)?$", "");
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

    private Map<String, String> serviceEnv(Replica r, String bootstrap) {
        ServiceSpec spec = r.spec();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(r.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("INNOLEAP_DATA_DIR", serviceDir(r).toString());
        env.put("INNOLEAP_SCHEDULER_PUBLIC_BASE_URL", publicBaseUrl());
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(options.port("smtp")));
        // Tokens name the issuer as clients asked for it (localhost); the keys are fetched from the
        // loopback address the provider listens on, so no IPv6 "localhost" is tried first.
        env.put("INNOLEAP_OIDC_ISSUER", urls().issuer());
        env.put("INNOLEAP_OIDC_JWKS_URL", "http://127.0.0.1:" + options.port("oidc") + "/" + OidcProviderProcess.ISSUER_ID + "/jwks");
        // Each service its own database on the stack's MariaDB, through MySQL Connector/J as in
        // production (MariaDB 11 announces its own version, so Connector/J keeps fractional seconds).
        // This replaces any database settings left in the shell. The server checks no accounts
        // (it listens on 127.0.0.1 only), so every service connects as root.
        env.put("DATASOURCES_DEFAULT_URL", jdbcUrl(spec));
        env.put("DATASOURCES_DEFAULT_USERNAME", "root");
        env.put("DATASOURCES_DEFAULT_PASSWORD", "");
        env.put("DATASOURCES_DEFAULT_DRIVER_CLASS_NAME", "com.mysql.cj.jdbc.Driver");
        if (options.replicas > 1 && spec.label().equals("matcher")) {
            // Matcher replicas each read both topics in full (a consumer group of their own) and one
            // of them, the holder of the writer lease, writes the lists (matcher-service README).
            env.put("INNOLEAP_MATCHER_REPLICAS_ENABLED", "true");
            env.put("INNOLEAP_MATCHER_REPLICAS_GROUP_SUFFIX", "-" + r.number());
        }
        return env;
    }

    /** A service's database on the stack's MariaDB, for MySQL Connector/J (the services' driver). */
    String jdbcUrl(ServiceSpec spec) {
        return "jdbc:mysql://127.0.0.1:" + options.port("mariadb") + "/" + databaseOf(spec)
                + "?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + "&rewriteBatchedStatements=true";
    }

    private Path serviceDir(Replica r) {
        Path dir = options.dataDir.resolve(r.name());
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
        Map<Replica, Answer> last = new HashMap<>();
        List<Replica> pending = new ArrayList<>(services.keySet());
        while (!pending.isEmpty()) {
            for (Replica spec : List.copyOf(pending)) {
                ChildProcess p = services.get(spec);
                if (!p.isAlive()) {
                    console.plain("innoleap-local: " + spec.name() + " exited with code " + p.exitValue()
                            + " before it was healthy. Last lines of " + p.logFile() + ":\n" + p.tail(25));
                    return false;
                }
                Answer a = get("http://127.0.0.1:" + spec.port() + "/health");
                last.put(spec, a);
                if (a.status == 200) {
                    pending.remove(spec);
                    console.progress(String.format(Locale.ROOT, "%s healthy in %.1fs (http://localhost:%d)",
                            spec.name(), secondsSince(since), spec.port()));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                for (Replica spec : pending) {
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
        return StackUrls.of(options);
    }

    private String url(String label) {
        return "http://localhost:" + options.port(label);
    }

    private void printSummary() {
        StringBuilder b = new StringBuilder();
        b.append('\n');
        b.append(String.format(Locale.ROOT, "  %-18s %-26s %s%n", "", "API", "Swagger UI"));
        for (Replica spec : services.keySet()) {
            String base = "http://localhost:" + spec.port();
            b.append(String.format(Locale.ROOT, "  %-18s %-26s %s/swagger-ui/index.html%n", spec.name(), base, base));
        }
        b.append(String.format(Locale.ROOT, "  %-18s http://localhost:%d/   (SMTP on localhost:%d)%n", "mail catcher",
                options.port("mail"), options.port("smtp")));
        b.append(String.format(Locale.ROOT, "  %-18s %s (discovery: /.well-known/openid-configuration)%n",
                "identity (OIDC)", urls().issuer()));
        String portOption = options.port("oidc") == 8090 ? "" : " --port oidc=" + options.port("oidc");
        b.append(String.format(Locale.ROOT, "  %-18s %s (TOKEN=$(./innoleap-local token lta%s); no passwords checked)%n",
                "demo users", Tokens.demoUserNames(), portOption));
        b.append(String.format(Locale.ROOT, "  %-18s 127.0.0.1:%d%n", "Kafka", options.port("kafka")));
        b.append(String.format(Locale.ROOT, "  %-18s 127.0.0.1:%d, user root without password, databases %s (files in %s)%n",
                "MariaDB", options.port("mariadb"),
                ServiceSpec.ALL.stream().map(LocalStack::databaseOf).collect(Collectors.joining(", ")), databaseHome().resolve("data")));
        b.append(String.format(Locale.ROOT, "  %-18s %s (logs in %s)%n", "data", options.dataDir, options.dataDir.resolve("logs")));
        String memory = Memory.describe(labelsByPid());
        if (!memory.isEmpty()) {
            b.append(String.format(Locale.ROOT, "  %-18s %s%n", "memory (RSS)", memory));
        }
        console.plain(b.toString());
        console.progress(String.format(Locale.ROOT, "%s in %.1fs: %d services healthy. Ctrl-C stops it; the data stays.",
                READY_MARKER, console.elapsedSeconds(), services.size()));
    }

    private Map<Long, String> labelsByPid() {
        Map<Long, String> labels = new HashMap<>();
        labels.put(ProcessHandle.current().pid(), "launcher");
        labels.put(mail.pid(), "mail");
        labels.put(database.pid(), "mariadb");
        services.forEach((spec, p) -> labels.put(p.pid(), spec.label()));
        ProcessHandle.current().descendants().forEach(h -> labels.putIfAbsent(h.pid(), childLabel(h)));
        return labels;
    }

    /** The broker and the provider are started by their own launchers; their command lines tell them apart. */
    private static String childLabel(ProcessHandle h) {
        String cmd = h.info().commandLine().orElse("");
        return cmd.contains("io.innoleap.oidc.") ? "oidc" : "kafka";
    }

    /**
     * Services first (in parallel), then the broker, the identity provider, the mail catcher and the
     * database. No restart happens once this has begun. Safe to call twice.
     */
    synchronized void stopAll() {
        if (stopping) {
            return;
        }
        stopping = true;
        supervisor.stop();
        Map<Replica, ChildProcess> running;
        synchronized (services) {
            running = new LinkedHashMap<>(services);
        }
        if (!running.isEmpty()) {
            console.progress("stopping " + running.keySet().stream().map(Replica::name).collect(Collectors.joining(", ")));
            List<Thread> threads = new ArrayList<>();
            running.forEach((spec, p) -> {
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
        if (oidc != null) {
            oidc.close();
            console.progress("identity provider stopped");
        }
        if (mail != null) {
            mail.stop(10);
            console.progress("mail catcher stopped");
        }
        supervisor.awaitRestarts(Duration.ofSeconds(5));
        if (database != null) {
            long t = System.nanoTime();
            database.stop(60);
            console.progress(String.format(Locale.ROOT, "MariaDB stopped (%.1fs)", secondsSince(t)));
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
