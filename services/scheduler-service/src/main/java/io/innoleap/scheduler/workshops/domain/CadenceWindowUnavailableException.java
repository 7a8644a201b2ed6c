package io.innoleap.scheduler.workshops.domain;

import java.time.LocalDate;

/**
 * The planner found no working day that satisfies both the cadence window and {@code notBefore}
 * (for example {@code notBefore} lies past "previous + 13 weeks", or the previous workshop's window
 * has already passed); the client may plan with {@code overrideCadence} or book explicitly.
 */
public final class CadenceWindowUnavailableException extends RuntimeException {
    private final LocalDate windowStart;
    private final LocalDate windowEnd;

    public CadenceWindowUnavailableException(String message, LocalDate windowStart, LocalDate windowEnd) {
        super(message);
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    public LocalDate windowStart() { return windowStart; }
    public LocalDate windowEnd() { return windowEnd; }
}
