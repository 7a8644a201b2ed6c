package io.innoleap.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, broker + controller) running in a child JVM whose
 * classpath holds only the broker's own jars.
 *
 * <p>Why a child JVM: a 4.x broker in the caller's JVM clashes with the services' kafka-clients
 * 3.9.1, and a fatal broker error halts its JVM; in a child process it cannot take the caller
 * down. The broker's output goes to {@code broker.log} in the data folder (inherited stdout would
 * corrupt surefire's channel). Data survives restarts when the same folder is reused.
 *
 * <p>Plain JDK only: this class must load without any Kafka jar on the caller's classpath.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final String READY_LINE = "Kafka Server started";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private Process process;

    private KafkaBrokerProcess(Path dataDir, int port, int controllerPort, String heap) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
    }

    /** A broker on the given port (0 = any free port), keeping its data under {@code dataDir}. */
    public static KafkaBrokerProcess create(Path dataDir, int port) {
        int p = port == 0 ? freePort() : port;
        Path dir = dataDir.toAbsolutePath();
        return new KafkaBrokerProcess(dir, p, controllerPort(dir), "256m");
    }

    /** The KRaft voter set recorded at format time names the controller endpoint: keep it stable per folder. */
    private static int controllerPort(Path dir) {
        Path file = dir.resolve("controller.port");
        try {
            if (Files.exists(file)) {
                return Integer.parseInt(Files.readString(file).trim());
            }
            Files.createDirectories(dir);
            int p = freePort();
            Files.writeString(file, Integer.toString(p));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Formats the log folder (once) and starts the broker; returns when it accepts clients. */
    public synchronized KafkaBrokerProcess start(Duration timeout) {
        if (isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Path props = writeServerProperties();
            Path log = logFile();
            Files.deleteIfExists(log);
            Path clusterIdFile = dataDir.resolve("cluster.id");
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, randomClusterId());
            }
            String clusterId = Files.readString(clusterIdFile).trim();
            Process format = java("kafka.tools.StorageTool",
                    List.of("format", "-t", clusterId, "-c", props.toString(), "--ignore-formatted", "--standalone"), log)
                    .start();
            if (!format.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting the Kafka log folder failed; see " + log);
            }
            process = java("kafka.Kafka", List.of(props.toString()), log).start();
            awaitReady(timeout);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        }
    }

    /** Stops the broker gracefully (controlled shutdown), killing it if it hangs. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path log = logFile();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue()
                        + " during start-up; last lines of " + log + ":\n" + tail(log));
            }
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(READY_LINE)
                    && accepts(port)) {
                return;
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("Kafka broker not ready within " + timeout + "; see " + log + ":\n" + tail(log));
    }

    private ProcessBuilder java(String mainClass, List<String> args, Path log) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin,
                "-Xms" + "32m", "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logConfig(),
                "-cp", brokerClasspath(), mainClass));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        withoutClockShift(pb.environment());
        return pb;
    }

    /**
     * The broker keeps the real clock even when the parent runs under libfaketime (tests that move
     * the clock a year ahead): with the preload inherited, the broker's timers misbehave and it
     * does not become ready within 90 s. Only the broker is exempt; the services keep the shift.
     */
    static void withoutClockShift(Map<String, String> env) {
        env.remove("LD_PRELOAD");
        env.remove("DYLD_INSERT_LIBRARIES");
        env.keySet().removeIf(k -> k.startsWith("FAKETIME"));
    }

    private Path writeServerProperties() throws IOException {
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // The default 128 MiB dedupe buffer can run a small heap out of memory.
                "log.cleaner.dedupe.buffer.size=4194304",
                "auto.create.topics.enable=true",
                // Clients may run with a shifted clock (tests under faketime) while this broker keeps
                // the real one: accept their record timestamps however far ahead or behind they are
                // (Kafka 4 refuses records more than an hour in the future by default).
                "log.message.timestamp.after.max.ms=" + Long.MAX_VALUE,
                "log.message.timestamp.before.max.ms=" + Long.MAX_VALUE,
                "") ;
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, props);
        return file;
    }

    private Path logConfig() {
        Path file = dataDir.resolve("log4j2.properties");
        try (InputStream in = resource("broker-log4j2.properties")) {
            Files.write(file, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String brokerClasspath() {
        try (InputStream in = resource("broker.classpath")) {
            String cp = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : cp.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalStateException("Kafka broker jar missing: " + entry
                            + " (rebuild services/embedded-kafka: ./mvnw -pl services/embedded-kafka install)");
                }
            }
            return cp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = KafkaBrokerProcess.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Resource " + name + " missing from the embedded-kafka jar");
        }
        return in;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kafka cluster ids are 16 random bytes, URL-safe base64 without padding. */
    private static String randomClusterId() {
        // One id in 64 starts with '-', which the storage tool's argument parser takes for an option
        // ("argument --cluster-id/-t: expected one argument"): draw again.
        String id;
        do {
            UUID u = UUID.randomUUID();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
            b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
        } while (id.startsWith("-"));
        return id;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java -cp embedded-kafka.jar io.innoleap.kafka.KafkaBrokerProcess <dataDir> [port]}: run until killed. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/kafka-data");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        KafkaBrokerProcess broker = create(dir, port);
        long t0 = System.nanoTime();
        broker.start(Duration.ofSeconds(60));
        System.out.printf("Kafka broker ready on %s in %d ms (log: %s)%n", broker.bootstrapServers(),
                (System.nanoTime() - t0) / 1_000_000, broker.logFile());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        Thread.currentThread().join();
    }
}
