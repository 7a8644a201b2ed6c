package io.innoleap.testkit;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services' clock in tests, so that no test depends on the day it runs: it starts at a fixed
 * instant ({@code innoleap.test.clock.start}, set by {@link ServiceTestProperties}) and then ticks
 * with the JVM's monotonic timer, so timestamps still order and timeouts still pass. Tests move it
 * forward with {@link #advance} (link expiry, reminders) instead of sleeping. Production keeps
 * servicekit's system clock; this bean exists only where the property is set.
 */
@Singleton
@Primary
@Requires(property = TestClock.START_PROPERTY)
public class TestClock extends Clock {

    public static final String START_PROPERTY = "innoleap.test.clock.start";
    /** Monday 2 November 2026, 09:00 in Singapore: every fixed date the tests book lies after it. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-02T01:00:00Z");

    private final Instant start;
    private final long startNanos = System.nanoTime();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public TestClock(@Value("${" + START_PROPERTY + "}") String start) {
        this.start = Instant.parse(start);
    }

    /** Moves this clock forward (or back, with a negative duration) for the rest of the test class. */
    public void advance(Duration by) {
        offset.updateAndGet(d -> d.plus(by));
    }

    @Override
    public Instant instant() {
        return start.plusNanos(System.nanoTime() - startNanos).plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(getZone())) {
            return this;
        }
        TestClock base = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return base.withZone(other);
            }

            @Override
            public Instant instant() {
                return base.instant();
            }
        };
    }
}
