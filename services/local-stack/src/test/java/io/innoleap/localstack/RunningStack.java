package io.innoleap.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack started the way a person starts it: {@code ./innoleap-local} from the repository
 * root, as its own process tree, stopped with SIGTERM (what the script turns Ctrl-C into).
 */
final class RunningStack implements AutoCloseable {

    static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

    final Map<String, Integer> ports;
    final Path dataDir;
    final Path output;
    private Process process;

    RunningStack(Path dataDir, Path output, Map<String, Integer> ports) {
        this.dataDir = dataDir;
        this.output = output;
        this.ports = ports;
    }

    static Map<String, Integer> freePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("problem", "solution", "matcher", "scheduler", "kafka", "oidc", "smtp", "mail", "mariadb")) {
            int p;
            do {
                p = Ports.free();
            } while (ports.containsValue(p));
            ports.put(name, p);
        }
        return ports;
    }

    static List<String> command(Path dataDir, Map<String, Integer> ports, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("innoleap-local").toString(), "--no-build",
                "--data-dir", dataDir.toString()));
        if (!List.of(extra).contains("--timeout")) {
            cmd.addAll(List.of("--timeout", "150"));
        }
        ports.forEach((name, port) -> {
            cmd.add("--port");
            cmd.add(name + "=" + port);
        });
        cmd.addAll(List.of(extra));
        return cmd;
    }

    /** Starts it and returns once it prints that it is ready; fails with its output otherwise. */
    RunningStack start(Duration timeout, String... extra) throws IOException, InterruptedException {
        Files.deleteIfExists(output);
        process = new ProcessBuilder(command(dataDir, ports, extra))
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                String out = output();
                if (!out.contains(LocalStack.READY_MARKER) && !process.isAlive()) {
                    throw new AssertionError("./innoleap-local exited with " + process.exitValue()
                            + " before it was ready:\n" + tail(out));
                }
                return out.contains(LocalStack.READY_MARKER);
            });
            return this;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            close();
            throw new AssertionError("./innoleap-local was not ready within " + timeout + ":\n" + tail(output()));
        }
    }

    /** SIGTERM to the script, as Ctrl-C does; returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            close();
            throw new AssertionError("the local stack did not stop within 90 s:\n" + tail(output()));
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    String url(String name) {
        return "http://localhost:" + ports.get(name);
    }

    /** The identity provider's issuer, as the services check it. */
    String issuer() {
        return url("oidc") + "/innoleap";
    }

    static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
    }

    /** The running JVM of a service (found by the jar it runs from the stack's data folder). */
    ProcessHandle serviceProcess(String service) {
        return jvmsOf(service).findFirst().orElseThrow(() -> new AssertionError("no running " + service + " under the stack"));
    }

    /** The running JVMs of a service's replicas (found by the jar they run from the stack's data folder). */
    private java.util.stream.Stream<ProcessHandle> jvmsOf(String service) {
        String jar = dataDir.resolve("jars").resolve(service + "-" + ServiceSpec.VERSION + ".jar").toString();
        return process.descendants().filter(h -> h.isAlive() && wholeCommandLine(h).contains(jar));
    }

    /**
     * The running JVM of one replica of a service: the one the stack started with {@code PORT=port}
     * in its environment (replica n answers on the service's port + 100 * (n - 1)).
     */
    ProcessHandle replicaProcess(String service, int port) {
        return jvmsOf(service).filter(h -> environment(h).contains("PORT=" + port)).findFirst()
                .orElseThrow(() -> new AssertionError("no running " + service + " on port " + port + " under the stack"));
    }

    private static java.util.Set<String> environment(ProcessHandle h) {
        try {
            return java.util.Set.of(Files.readString(Path.of("/proc", Long.toString(h.pid()), "environ"),
                    StandardCharsets.ISO_8859_1).split("\u0000"));
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Set.of();
        }
    }

    /**
     * The console label of the replica that printed {@code line} last (e.g. {@code problem} or
     * {@code problem-2} for "Outbox: this replica now publishes"), among the labels starting with
     * {@code labelPrefix}; empty if none did.
     */
    java.util.Optional<String> lastToPrint(String labelPrefix, String line) {
        return lastToPrint(0, labelPrefix, line);
    }

    /** As {@link #lastToPrint(String, String)}, among what the console printed after its first {@code from} characters. */
    java.util.Optional<String> lastToPrint(int from, String labelPrefix, String line) {
        String out = output();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(" + java.util.regex.Pattern.quote(labelPrefix)
                + "(?:-\\d)?)\\s*\\][^\\n]*" + java.util.regex.Pattern.quote(line))
                .matcher(out.substring(Math.min(from, out.length())).replaceAll("\u001B\\[[0-9;]*m", ""));
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return java.util.Optional.ofNullable(last);
    }

    /**
     * A running process under the stack whose whole command line (read from /proc: the JDK's copy is
     * cut at 4 KB, before a broker's class path ends) contains {@code fragment}, e.g. {@code kafka.Kafka}
     * or {@code mariadbd}.
     */
    ProcessHandle childProcess(String fragment) {
        return process.descendants().filter(h -> h.isAlive() && wholeCommandLine(h).contains(fragment))
                .findFirst().orElseThrow(() -> new AssertionError("no running process with " + fragment + " under the stack"));
    }

    private static String wholeCommandLine(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return h.info().commandLine().orElse("");
        }
    }

    /** How many times the stack's console has printed {@code line} so far. */
    int count(String line) {
        String out = output();
        int n = 0;
        for (int i = out.indexOf(line); i >= 0; i = out.indexOf(line, i + 1)) {
            n++;
        }
        return n;
    }

    /** Kills whatever is left of the process tree we started (only when a stop went wrong). */
    @Override
    public void close() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
