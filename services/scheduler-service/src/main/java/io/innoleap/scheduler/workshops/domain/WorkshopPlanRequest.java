package io.innoleap.scheduler.workshops.domain;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * {@code POST /api/workshops/plan}. Every field is optional: {@code null} takes the
 * {@link WorkshopPolicy} default. {@code notBefore} is a lower bound on the local date; when a
 * previous workshop exists the date must satisfy both it and the cadence window.
 * {@code overrideCadence} plans from {@code notBefore} (or tomorrow) ignoring the previous workshop.
 */
public record WorkshopPlanRequest(LocalDate notBefore, LocalTime startTime, Integer durationMinutes,
                                  Integer capacity, String venue, boolean overrideCadence) {
    public static WorkshopPlanRequest notBefore(LocalDate notBefore) {
        return new WorkshopPlanRequest(notBefore, null, null, null, null, false);
    }
}
