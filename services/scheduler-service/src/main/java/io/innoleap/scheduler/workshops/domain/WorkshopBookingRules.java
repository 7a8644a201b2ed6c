package io.innoleap.scheduler.workshops.domain;

import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.programme.domain.FieldErrors;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Validates an explicit workshop ({@code POST /api/workshops}). Field rules (field errors): theme required,
 * startsAt required and in the future, its local date a weekday, duration and capacity within {@link WorkshopPolicy}, venue 1..200 characters when given,
 * and the workshop ends on its local start day. Then the calendar: a public holiday or programme
 * closure throws {@link io.innoleap.scheduler.programme.ClosedDayException}. Then the cadence against the previous and next
 * existing workshops ({@link CadenceCheck}): a violation throws {@link CadenceViolationException}
 * unless {@code overrideCadence}. The theme's catalogue check is the API layer's job.
 */
public final class WorkshopBookingRules {
    private final ProgrammeCalendar calendar;
    private final WorkshopPolicy policy;
    private final Clock clock;

    public WorkshopBookingRules(ProgrammeCalendar calendar, WorkshopPolicy policy, Clock clock) {
        this.calendar = Objects.requireNonNull(calendar);
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
    }

    public ValidatedWorkshop validate(WorkshopBookingRequest request, Collection<ExistingWorkshop> existing) {
        FieldErrors errors = new FieldErrors()
                .text("theme", request.theme(), 1, 100, true)
                .range("durationMinutes", request.durationMinutes(), policy.minDurationMinutes(), policy.maxDurationMinutes())
                .range("capacity", request.capacity(), policy.minCapacity(), policy.maxCapacity())
                .text("venue", request.venue(), 1, 200, false);
        int duration = request.durationMinutes() == null ? policy.defaultDurationMinutes() : request.durationMinutes();
        LocalDate date = null;
        if (request.startsAt() == null) {
            errors.add("startsAt", "is required");
        } else {
            date = request.startsAt().atZone(calendar.zone()).toLocalDate();
            if (!request.startsAt().isAfter(clock.instant())) {
                errors.add("startsAt", "must be in the future");
            } else if (ProgrammeCalendar.isWeekend(date)) {
                errors.add("startsAt", date + " (" + calendar.zone() + ") is not a working day: weekends are excluded");
            }
            if (!errors.has("durationMinutes") && !request.startsAt().plusSeconds(duration * 60L)
                    .atZone(calendar.zone()).toLocalDate().equals(date)) {
                errors.add("durationMinutes", "the workshop must end on the day it starts");
            }
        }
        errors.throwIfAny();
        // A public holiday or closure is a conflict with the calendar, not a malformed field: 409, no override.
        calendar.requireOpen(date);

        List<LocalDate> dates = existing.stream().map(w -> w.startsAt().atZone(calendar.zone()).toLocalDate()).toList();
        CadenceCheck cadence = CadenceCheck.of(date, dates, policy);
        if (!cadence.satisfied() && !request.overrideCadence()) {
            throw new CadenceViolationException(cadence);
        }
        int capacity = request.capacity() == null ? policy.defaultCapacity() : request.capacity();
        String venue = request.venue() == null || request.venue().isBlank() ? policy.defaultVenue() : request.venue().strip();
        return new ValidatedWorkshop(request.theme().strip(), date, request.startsAt(),
                request.startsAt().plusSeconds(duration * 60L), duration, venue, capacity, cadence, !cadence.satisfied());
    }
}
