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
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A process the launcher started (a service's JVM, the mail catcher, the database server): its
 * merged stdout/stderr goes whole to a log file and, line by line, to the console behind a prefix;
 * the last lines are kept for error messages.
 *
 * <p>Tied to the launcher's life: on Linux each child is started through {@code setpriv --pdeathsig
 * SIGNAL} (util-linux), which execs the real command with the kernel's parent-death signal set, so a
 * launcher that dies without stopping its children ({@code kill -9}, a JVM crash) still gets every
 * child a signal and no server is left running on the data. The database and the mail catcher get
 * SIGTERM (a clean shutdown); the services SIGKILL, since all of them get it at the same moment and
 * a service cannot close cleanly once its database is gone (its shutdown waits on connections), and
 * they are built to survive a kill. The kernel sends it when the
 * <em>thread</em> that started the child ends, so every child is started from one thread that lives
 * as long as the launcher ({@link #SPAWNER}). Where {@code setpriv} is missing (macOS) children are
 * started directly; the database server left behind is then stopped at the next start.
 */
final class ChildProcess {

    /** The one thread that starts children (see the class comment): it lives until the JVM exits. */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "child-spawner");
        t.setDaemon(true);
        return t;
    });

    /** {@code setpriv} when this machine has one that knows {@code --pdeathsig}, else null. */
    private static final String SETPRIV = setpriv();

    private static final int TAIL_LINES = 40;

    private final String label;
    private final Path logFile;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread pump;

    private ChildProcess(String label, Path logFile, Process process, Consumer<String> console, boolean append) {
        this.label = label;
        this.logFile = logFile;
        this.process = process;
        this.pump = new Thread(() -> pump(console, append), "output-" + label);
        this.pump.setDaemon(true);
        this.pump.start();
    }

    static ChildProcess start(String label, List<String> command, Map<String, String> env, Path workDir,
                              Path logFile, Consumer<String> console) {
        return start(label, command, env, workDir, logFile, console, false, "TERM");
    }

    /**
     * Starts the command; {@code restart} appends to the log (after a marker line) instead of
     * keeping the previous run's log as {@code .log.1}, so the lines before a crash stay next to
     * those of the restart. {@code parentDeathSignal} ({@code TERM}, {@code KILL}) is what the
     * child gets should the launcher die without stopping it.
     */
    static ChildProcess start(String label, List<String> command, Map<String, String> env, Path workDir,
                              Path logFile, Consumer<String> console, boolean restart, String parentDeathSignal) {
        try {
            Files.createDirectories(logFile.getParent());
            if (restart) {
                Files.writeString(logFile, "----- restarted by the local stack at " + java.time.Instant.now() + " -----"
                        + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else if (Files.exists(logFile)) {
                // Keep the previous run's log next to the new one: the usual question is "what happened last time".
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> full = new ArrayList<>();
            if (SETPRIV != null) {
                full.addAll(List.of(SETPRIV, "--pdeathsig", parentDeathSignal, "--"));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process process;
            try {
                process = SPAWNER.submit(pb::start).get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting " + label, e);
            }
            return new ChildProcess(label, logFile, process, console, restart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + label + ": " + e.getMessage(), e);
        }
    }

    private static String setpriv() {
        if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        for (String setpriv : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (Files.isExecutable(Path.of(setpriv))) {
                try {
                    Process p = new ProcessBuilder(setpriv, "--pdeathsig", "TERM", "--", "true")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        return setpriv;
                    }
                    p.destroyForcibly();
                } catch (IOException e) {
                    // an old util-linux: start children directly
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return null;
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private void pump(Consumer<String> console, boolean append) {
        StandardOpenOption[] mode = append
                ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                : new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE};
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, mode)) {
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
