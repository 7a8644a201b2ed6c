package io.innoleap.scheduler.workshops.domain;

import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.programme.domain.FieldErrors;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;
import io.innoleap.scheduler.readmodel.ProviderMatch;
import io.innoleap.scheduler.readmodel.ProviderRanking;
import io.innoleap.scheduler.readmodel.RankedProvider;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Plans the next thematic workshop ({@code POST /api/workshops/plan}).
 *
 * <ul>
 *   <li>Theme: the highest-ranked theme of {@link DemandRanking} that no upcoming workshop
 *       (starting after now) already covers.</li>
 *   <li>Date: the earliest working day (weekday, not a public holiday) that is at least tomorrow,
 *       on or after {@code notBefore}, and, when a previous workshop exists (the latest booked one,
 *       past or upcoming), within previous + 8 weeks .. previous + 13 weeks. No previous workshop
 *       (or {@code overrideCadence}): from max(tomorrow, notBefore), searched up to 13 weeks on.</li>
 *   <li>Participants: every agency with an open statement on the theme, each with those statements,
 *       ordered by agency code.</li>
 *   <li>Invited providers: {@link ProviderRanking} over those statements, at most {@code capacity}.</li>
 * </ul>
 */
public final class WorkshopPlanner {
    private final ProgrammeCalendar calendar;
    private final WorkshopPolicy policy;
    private final Clock clock;

    public WorkshopPlanner(ProgrammeCalendar calendar, WorkshopPolicy policy, Clock clock) {
        this.calendar = Objects.requireNonNull(calendar);
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
    }

    public WorkshopPlan plan(WorkshopPlanRequest request, Collection<ExistingWorkshop> existing,
                             Collection<OpenProblemStatement> openStatements,
                             Map<UUID, List<ProviderMatch>> matchesByProblem) {
        validate(request);
        int duration = request.durationMinutes() == null ? policy.defaultDurationMinutes() : request.durationMinutes();
        int capacity = request.capacity() == null ? policy.defaultCapacity() : request.capacity();
        LocalTime startTime = request.startTime() == null ? policy.defaultStartTime() : request.startTime();
        String venue = request.venue() == null || request.venue().isBlank() ? policy.defaultVenue() : request.venue().strip();

        ThemeDemand demand = chooseTheme(existing, openStatements);
        DateWindow window = window(request, existing);
        LocalDate date = window.start.datesUntil(window.end.plusDays(1)).filter(calendar::isWorkingDay).findFirst()
                .orElseThrow(() -> new CadenceWindowUnavailableException(
                        "no working day between " + window.start + " and " + window.end, window.start, window.end));

        List<OpenProblemStatement> onTheme = openStatements.stream().filter(s -> s.isOn(demand.theme())).toList();
        List<RankedProvider> providers = ProviderRanking.rank(demand.theme(), onTheme, matchesByProblem);
        Instant startsAt = date.atTime(startTime).atZone(calendar.zone()).toInstant();
        return new WorkshopPlan(demand.theme(), demand, date, startsAt, startsAt.plusSeconds(duration * 60L), duration,
                venue, capacity, WorkshopParticipant.byAgency(onTheme), providers.subList(0, Math.min(capacity, providers.size())),
                window.start, window.end, window.previous);
    }

    private void validate(WorkshopPlanRequest request) {
        FieldErrors errors = new FieldErrors()
                .range("durationMinutes", request.durationMinutes(), policy.minDurationMinutes(), policy.maxDurationMinutes())
                .range("capacity", request.capacity(), policy.minCapacity(), policy.maxCapacity())
                .text("venue", request.venue(), 1, 200, false);
        if (!errors.has("durationMinutes")) {
            // Effective values, so a late startTime with the default duration is caught too.
            LocalTime start = request.startTime() == null ? policy.defaultStartTime() : request.startTime();
            int minutes = request.durationMinutes() == null ? policy.defaultDurationMinutes() : request.durationMinutes();
            if (start.toSecondOfDay() + minutes * 60L > 24 * 3600L) {
                errors.add("durationMinutes", "the workshop must end on the day it starts");
            }
        }
        errors.throwIfAny();
    }

    private ThemeDemand chooseTheme(Collection<ExistingWorkshop> existing, Collection<OpenProblemStatement> open) {
        Instant now = clock.instant();
        Set<String> covered = existing.stream().filter(w -> w.startsAt().isAfter(now))
                .map(ExistingWorkshop::theme).collect(Collectors.toSet());
        List<ThemeDemand> ranking = DemandRanking.rank(open);
        if (ranking.isEmpty()) {
            throw new NoUncoveredDemandException("there are no open problem statements to plan a workshop for");
        }
        return ranking.stream().filter(d -> !covered.contains(d.theme())).findFirst()
                .orElseThrow(() -> new NoUncoveredDemandException(
                        "every theme with open problem statements already has an upcoming workshop: " + covered.stream().sorted().toList()));
    }

    private record DateWindow(LocalDate start, LocalDate end, LocalDate previous) {
    }

    private DateWindow window(WorkshopPlanRequest request, Collection<ExistingWorkshop> existing) {
        LocalDate tomorrow = calendar.today(clock).plusDays(1);
        LocalDate floor = request.notBefore() != null && request.notBefore().isAfter(tomorrow) ? request.notBefore() : tomorrow;
        LocalDate previous = request.overrideCadence() ? null : existing.stream()
                .map(w -> w.startsAt().atZone(calendar.zone()).toLocalDate())
                .max(Comparator.naturalOrder()).orElse(null);
        if (previous == null) {
            return new DateWindow(floor, floor.plusDays(policy.maxDaysBetween()), null);
        }
        LocalDate cadenceStart = previous.plusDays(policy.minDaysBetween());
        LocalDate end = previous.plusDays(policy.maxDaysBetween());
        LocalDate start = cadenceStart.isAfter(floor) ? cadenceStart : floor;
        if (start.isAfter(end)) {
            throw new CadenceWindowUnavailableException("the previous workshop is on " + previous
                    + ", so the next must fall between " + cadenceStart + " and " + end
                    + ", but the earliest allowed date is " + floor
                    + "; plan with overrideCadence=true or book explicitly", cadenceStart, end);
        }
        return new DateWindow(start, end, previous);
    }
}
