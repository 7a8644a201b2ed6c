package io.innoleap.scheduler.sharingdays.domain;

import java.time.LocalTime;
import java.util.Objects;

/**
 * Sharing-day knobs. Defaults: day from 08:00 to 18:00 local; presentations 5..120 minutes;
 * consultation 15..240 minutes; 1..30 presenters.
 */
public record SharingDayPolicy(LocalTime earliestStart, LocalTime endOfDay,
                               int minPresentationMinutes, int maxPresentationMinutes,
                               int minConsultationMinutes, int maxConsultationMinutes,
                               int maxPresentersLimit) {
    public SharingDayPolicy {
        Objects.requireNonNull(earliestStart, "earliestStart");
        Objects.requireNonNull(endOfDay, "endOfDay");
        if (!earliestStart.isBefore(endOfDay)) {
            throw new IllegalArgumentException("earliestStart must be before endOfDay");
        }
    }

    public static SharingDayPolicy defaults() {
        return new SharingDayPolicy(LocalTime.of(8, 0), LocalTime.of(18, 0), 5, 120, 15, 240, 30);
    }
}
