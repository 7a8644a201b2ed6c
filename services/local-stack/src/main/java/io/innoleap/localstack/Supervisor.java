package io.innoleap.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Restarts a part of the stack that dies, as docker compose's {@code restart: unless-stopped} does:
 * after 1 s, then 2, 4, 8, 16 and at most 30 s between attempts; the back-off starts again at 1 s once
 * a part has run for a minute. Each restart is said on the console ("problem-service exited (137);
 * restarting in 1 s") and, for a part with a health check, when it is healthy again and how long
 * after it exited. {@link #stop()} ends all watching and pending restarts, so a stop (Ctrl-C) is
 * never undone by a restart.
 */
final class Supervisor {

    /** A running part: a process the supervisor can watch and stop. */
    interface Instance {
        boolean isAlive();

        /** The exit code ("137"), or null when it is not known (the broker's and provider's launchers keep it). */
        String exitDescription();

        void stop();
    }

    /** Starts a part; returns once it runs (a server: once it accepts connections), throws if it cannot. */
    interface Starter {
        Instance start() throws Exception;
    }

    static final Duration RESET_AFTER = Duration.ofMinutes(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final Consumer<String> console;
    private final List<Part> parts = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "supervisor"));
    private final ExecutorService restarts = Executors.newCachedThreadPool(r -> daemon(r, "restart"));
    private volatile boolean stopping;

    Supervisor(Consumer<String> console) {
        this.console = console;
        timer.scheduleWithFixedDelay(this::check, 500, 500, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Watches a part that is already running. {@code healthy} (may be null) tells when a restarted
     * part is back; it is polled for up to {@code healthTimeout}.
     */
    Part watch(String name, Instance running, Starter starter, BooleanSupplier healthy, Duration healthTimeout) {
        Part part = new Part(name, starter, healthy, healthTimeout);
        part.current = running;
        part.startedAt = System.nanoTime();
        parts.add(part);
        return part;
    }

    /** The delay before restart number {@code failures + 1}: 1, 2, 4, 8, 16, 30, 30 ... seconds. */
    static Duration delay(int failures) {
        long seconds = 1L << Math.min(failures, 5);
        return Duration.ofSeconds(Math.min(seconds, MAX_DELAY.toSeconds()));
    }

    /** No more restarts from now on; pending ones are dropped. The parts themselves are left to the caller to stop. */
    void stop() {
        stopping = true;
        timer.shutdownNow();
        restarts.shutdownNow();
    }

    /** Waits a little for restarts under way to notice the stop (each stops what it started). */
    void awaitRestarts(Duration timeout) {
        try {
            restarts.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void check() {
        for (Part part : parts) {
            if (stopping) {
                return;
            }
            synchronized (part) {
                if (part.restarting || part.current == null || part.current.isAlive()) {
                    continue;
                }
                part.restarting = true;
                part.exitedAt = System.nanoTime();
                if (System.nanoTime() - part.startedAt >= RESET_AFTER.toNanos()) {
                    part.failures = 0;
                }
                Duration wait = delay(part.failures++);
                String code = part.current.exitDescription();
                console.accept(String.format(Locale.ROOT, "%s exited%s; restarting in %d s (restart %d)",
                        part.name, code == null ? "" : " (" + code + ")", wait.toSeconds(), ++part.restarts));
                schedule(part, wait);
            }
        }
    }

    private void schedule(Part part, Duration wait) {
        try {
            timer.schedule(() -> restarts.execute(() -> restart(part)), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private void restart(Part part) {
        if (stopping) {
            return;
        }
        Instance started;
        try {
            started = part.starter.start();
        } catch (Exception e) {
            if (stopping) {
                return;
            }
            Duration wait;
            synchronized (part) {
                wait = delay(part.failures++);
            }
            console.accept(String.format(Locale.ROOT, "%s did not start again (%s); trying again in %d s", part.name,
                    e.getMessage() == null ? e.toString() : firstLine(e.getMessage()), wait.toSeconds()));
            schedule(part, wait);
            return;
        }
        synchronized (part) {
            part.current = started;
            part.startedAt = System.nanoTime();
        }
        if (stopping) {
            started.stop(); // the stop may have looked at the instance before this one
            return;
        }
        if (part.healthy == null) {
            console.accept(String.format(Locale.ROOT, "%s running again (%.1f s after it exited)", part.name,
                    (System.nanoTime() - part.exitedAt) / 1e9));
        } else {
            long deadline = System.nanoTime() + part.healthTimeout.toNanos();
            while (!stopping && started.isAlive() && System.nanoTime() < deadline && !part.healthy.getAsBoolean()) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!stopping && started.isAlive() && System.nanoTime() < deadline) {
                console.accept(String.format(Locale.ROOT, "%s healthy again (%.1f s after it exited)", part.name,
                        (System.nanoTime() - part.exitedAt) / 1e9));
            }
        }
        synchronized (part) {
            part.restarting = false;
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** One supervised part; {@link #current()} is the instance running now (the stop stops that one). */
    static final class Part {
        private final String name;
        private final Starter starter;
        private final BooleanSupplier healthy;
        private final Duration healthTimeout;
        private Instance current;
        private long startedAt;
        private long exitedAt;
        private int failures;
        private int restarts;
        private boolean restarting;

        private Part(String name, Starter starter, BooleanSupplier healthy, Duration healthTimeout) {
            this.name = name;
            this.starter = starter;
            this.healthy = healthy;
            this.healthTimeout = healthTimeout;
        }

        synchronized Instance current() {
            return current;
        }

        String name() {
            return name;
        }
    }

    /** A {@link ChildProcess} as a supervised instance. */
    static Instance of(ChildProcess process, long graceSeconds) {
        return new Instance() {
            @Override
            public boolean isAlive() {
                return process.isAlive();
            }

            @Override
            public String exitDescription() {
                return process.isAlive() ? "running" : String.valueOf(process.exitValue());
            }

            @Override
            public void stop() {
                process.stop(graceSeconds);
            }
        };
    }
}
