package io.innoleap.scheduler.workshops.domain;

import java.time.LocalTime;
import java.util.Objects;

/**
 * Workshop knobs. Defaults (see {@link #defaults()}): cadence 8 to 13 weeks, start 09:30 local,
 * 180 minutes (allowed 30..480, i.e. within a working day), capacity 20 invited providers (allowed
 * 1..200), venue "To be announced".
 */
public record WorkshopPolicy(int minWeeksBetween, int maxWeeksBetween, LocalTime defaultStartTime,
                             int defaultDurationMinutes, int minDurationMinutes, int maxDurationMinutes,
                             int defaultCapacity, int minCapacity, int maxCapacity, String defaultVenue) {
    public WorkshopPolicy {
        Objects.requireNonNull(defaultStartTime, "defaultStartTime");
        Objects.requireNonNull(defaultVenue, "defaultVenue");
        if (minWeeksBetween < 1 || maxWeeksBetween < minWeeksBetween) {
            throw new IllegalArgumentException("cadence must satisfy 1 <= min <= max weeks");
        }
        if (minDurationMinutes < 1 || maxDurationMinutes < minDurationMinutes
                || defaultDurationMinutes < minDurationMinutes || defaultDurationMinutes > maxDurationMinutes) {
            throw new IllegalArgumentException("default duration must lie within the allowed range");
        }
        if (minCapacity < 1 || maxCapacity < minCapacity || defaultCapacity < minCapacity || defaultCapacity > maxCapacity) {
            throw new IllegalArgumentException("default capacity must lie within the allowed range");
        }
    }

    public static WorkshopPolicy defaults() {
        return new WorkshopPolicy(8, 13, LocalTime.of(9, 30), 180, 30, 480, 20, 1, 200, "To be announced");
    }

    public int minDaysBetween() {
        return minWeeksBetween * 7;
    }

    public int maxDaysBetween() {
        return maxWeeksBetween * 7;
    }
}
