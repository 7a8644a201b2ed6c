package io.innoleap.localstack;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A JVM the launcher started: its merged stdout/stderr goes whole to a log file and, line by
 * line, to the console behind a prefix; the last lines are kept for error messages.
 */
final class ChildProcess {

    private static final int TAIL_LINES = 40;

    private final String label;
    private final Path logFile;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread pump;

    private ChildProcess(String label, Path logFile, Process process, Consumer<String> console) {
        this.label = label;
        this.logFile = logFile;
        this.process = process;
        this.pump = new Thread(() -> pump(console), "output-" + label);
        this.pump.setDaemon(true);
        this.pump.start();
    }

    static ChildProcess start(String label, List<String> command, Map<String, String> env, Path workDir,
                              Path logFile, Consumer<String> console) {
        try {
            Files.createDirectories(logFile.getParent());
            if (Files.exists(logFile)) {
                // Keep the previous run's log next to the new one: the usual question is "what happened last time".
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            return new ChildProcess(label, logFile, pb.start(), console);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + label + ": " + e.getMessage(), e);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private void pump(Consumer<String> console) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.newLine();
                log.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                if (console != null) {
                    console.accept(line);
                }
            }
        } catch (IOException e) {
            // The process is gone; nothing more to copy.
        }
    }

    String label() {
        return label;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    String tail(int lines) {
        synchronized (tail) {
            List<String> all = List.copyOf(tail);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    /** SIGTERM (the JVM runs its shutdown hooks, Micronaut closes cleanly); forcibly after the grace period. */
    void stop(long graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
