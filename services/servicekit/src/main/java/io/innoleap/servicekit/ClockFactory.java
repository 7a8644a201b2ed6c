package io.innoleap.servicekit;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.time.Clock;

/** One clock for the whole service, so tests can move time (expiry, cadence) without sleeping. */
@Factory
public class ClockFactory {
    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
