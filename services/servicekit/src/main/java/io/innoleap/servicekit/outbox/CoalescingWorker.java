package io.innoleap.servicekit.outbox;

import org.slf4j.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One background thread that runs a drain pass when woken; wake-ups that arrive while a pass is
 * pending collapse into it. Used by every "write a row now, deliver it after commit and from a
 * sweep" relay (the event outbox, the scheduler's mail outbox). A failed pass is logged and left
 * to the next wake-up: the rows are still there.
 */
public final class CoalescingWorker {

    private final String name;
    private final Runnable pass;
    private final Logger log;
    private final ExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean stopped;

    public CoalescingWorker(String name, Runnable pass, Logger log) {
        this.name = name;
        this.pass = pass;
        this.log = log;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for a pass; returns at once. */
    public void wake() {
        if (!stopped && pending.compareAndSet(false, true)) {
            try {
                executor.execute(this::runPass);
            } catch (RuntimeException e) {
                pending.set(false);
            }
        }
    }

    public boolean isStopped() {
        return stopped;
    }

    /** Lets a running pass finish (up to 10 s) and refuses new ones. */
    public void stop() {
        stopped = true;
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runPass() {
        pending.set(false);
        try {
            pass.run();
        } catch (RuntimeException e) {
            log.warn("{} pass failed, will retry on the next sweep: {}", name, e.toString());
        }
    }
}
