package io.innoleap.scheduler.workshops.domain;

import java.time.Instant;
import java.time.LocalDate;

/** An explicit booking that passed every rule; {@code cadence} says whether it was overridden. */
public record ValidatedWorkshop(String theme, LocalDate date, Instant startsAt, Instant endsAt, int durationMinutes,
                                String venue, int capacity, CadenceCheck cadence, boolean cadenceOverridden) {
}
