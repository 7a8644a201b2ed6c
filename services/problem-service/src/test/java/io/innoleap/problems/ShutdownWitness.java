package io.innoleap.problems;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduled job that runs every millisecond and counts its runs, and the runs that started after
 * the context began to stop; on {@link ShutdownEvent} it holds the shutdown up, as a slower
 * machine's would, until such a run comes or 100 ms have passed, before the beans are destroyed.
 * Only in tests that set {@code test.shutdown-witness}.
 */
@Singleton
@Requires(property = "test.shutdown-witness", value = "true")
class ShutdownWitness implements ApplicationEventListener<ShutdownEvent> {

    private record Counts(AtomicInteger runs, AtomicInteger runsAfterStop, AtomicBoolean stopping, CountDownLatch ranAfterStop) {
    }

    private static final Map<BeanContext, Counts> COUNTS = new ConcurrentHashMap<>();
    private final Counts counts = new Counts(new AtomicInteger(), new AtomicInteger(), new AtomicBoolean(),
            new CountDownLatch(1));

    ShutdownWitness(BeanContext context) {
        COUNTS.put(context, counts);
    }

    @Scheduled(fixedDelay = "1ms")
    void tick() {
        counts.runs.incrementAndGet();
        if (counts.stopping.get()) {
            counts.runsAfterStop.incrementAndGet();
            counts.ranAfterStop.countDown();
        }
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        counts.stopping.set(true);
        try {
            counts.ranAfterStop.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs so far in that context (0 before its first run creates the job). */
    static int runs(BeanContext context) {
        Counts c = COUNTS.get(context);
        return c == null ? 0 : c.runs.get();
    }

    static int runsAfterStop(BeanContext context) {
        return COUNTS.get(context).runsAfterStop.get();
    }
}
