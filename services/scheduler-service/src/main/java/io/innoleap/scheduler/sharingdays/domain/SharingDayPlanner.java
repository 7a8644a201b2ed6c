package io.innoleap.scheduler.sharingdays.domain;

import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.programme.domain.FieldErrors;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;
import io.innoleap.scheduler.readmodel.ProviderMatch;
import io.innoleap.scheduler.readmodel.ProviderRanking;
import io.innoleap.scheduler.readmodel.RankedProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Builds a sharing-day agenda ({@code POST /api/sharing-days}).
 *
 * <p>Presenters: {@link ProviderRanking} over the audience's open statements on the theme (so only
 * providers sharing the theme), distinct, best first, at most {@code maxPresenters}. Each gets one
 * slot of exactly {@code presentationMinutes}, back to back from {@code startTime}; one
 * consultation block of exactly {@code consultationMinutes} follows the last slot.
 *
 * <p>End of day ({@link SharingDayPolicy#endOfDay()}, 18:00 by default): when the ranked presenters
 * would run past it, the agenda keeps the best-ranked ones that fit (maxPresenters is an upper
 * bound) and reports how many were left out. If not even one presentation plus the consultation
 * fits, the request itself is impossible: a field error on {@code startTime}. No audience statement or no
 * matching provider: {@link NoMatchingPresentersException}.
 *
 * <p>Field rules ({@link io.innoleap.scheduler.programme.domain.InvalidRequestException}): theme required; audience required; date required, after today and a
 * working day; startTime required and not before the policy's earliest start; minutes and
 * maxPresenters within the policy's ranges (all three required).
 */
public final class SharingDayPlanner {
    private final ProgrammeCalendar calendar;
    private final SharingDayPolicy policy;
    private final Clock clock;

    public SharingDayPlanner(ProgrammeCalendar calendar, SharingDayPolicy policy, Clock clock) {
        this.calendar = Objects.requireNonNull(calendar);
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
    }

    public SharingDayAgenda build(SharingDayRequest request, Collection<OpenProblemStatement> openStatements,
                                  Map<UUID, List<ProviderMatch>> matchesByProblem) {
        return build(request, openStatements, matchesByProblem, PresenterCalendar.NONE);
    }

    /**
     * As {@link #build(SharingDayRequest, Collection, Map)}, passing over every provider that presents
     * elsewhere at the time its slot would take: the next one in the ranking gets that slot. If every
     * ranked provider is busy then: {@link NoMatchingPresentersException} (PRESENTERS_BOOKED_ELSEWHERE).
     */
    public SharingDayAgenda build(SharingDayRequest request, Collection<OpenProblemStatement> openStatements,
                                  Map<UUID, List<ProviderMatch>> matchesByProblem, PresenterCalendar elsewhere) {
        validate(request);
        String theme = request.theme().strip();
        List<OpenProblemStatement> audienceStatements = openStatements.stream()
                .filter(s -> s.isOn(theme) && request.audience().includes(s.agency()))
                .distinct().toList();
        if (audienceStatements.isEmpty()) {
            throw new NoMatchingPresentersException(NoMatchingPresentersException.Reason.NO_OPEN_PROBLEM_STATEMENTS,
                    "the audience has no open problem statements on " + theme);
        }
        List<RankedProvider> ranked = ProviderRanking.rank(theme, audienceStatements, matchesByProblem);
        if (ranked.isEmpty()) {
            throw new NoMatchingPresentersException(NoMatchingPresentersException.Reason.NO_MATCHING_PROVIDERS,
                    "no provider on " + theme + " matches the audience's " + audienceStatements.size() + " open problem statement(s)");
        }
        int presentation = request.presentationMinutes();
        int consultation = request.consultationMinutes();
        int wanted = Math.min(request.maxPresenters(), ranked.size());
        int fitting = (int) Math.min(wanted, (minutesUntilEndOfDay(request) - consultation) / presentation);

        ZonedDateTime cursor = request.date().atTime(request.startTime()).atZone(calendar.zone());
        List<PresenterSlot> slots = new ArrayList<>();
        // Each slot goes to the best-ranked provider not yet placed who is free then; one that is busy
        // at this slot may still take a later one.
        List<RankedProvider> remaining = new ArrayList<>(ranked);
        java.util.Set<UUID> wereBusy = new java.util.HashSet<>();
        while (slots.size() < fitting) {
            ZonedDateTime start = cursor;
            ZonedDateTime end = cursor.plusMinutes(presentation);
            RankedProvider next = null;
            for (RankedProvider p : remaining) {
                if (elsewhere.clash(p.solutionProfileId(), start.toOffsetDateTime(), end.toOffsetDateTime()).isEmpty()) {
                    next = p;
                    break;
                }
                wereBusy.add(p.solutionProfileId());
            }
            if (next == null) {
                break; // everyone left presents elsewhere at this time
            }
            remaining.remove(next);
            slots.add(new PresenterSlot(slots.size() + 1, next.solutionProfileId(), next.organisationName(),
                    next.totalScore(), start.toOffsetDateTime(), end.toOffsetDateTime()));
            cursor = end;
        }
        int busy = (int) remaining.stream().filter(p -> wereBusy.contains(p.solutionProfileId())).count();
        if (slots.isEmpty()) {
            throw new NoMatchingPresentersException(NoMatchingPresentersException.Reason.PRESENTERS_BOOKED_ELSEWHERE,
                    "every provider on " + theme + " that matches the audience (" + busy + ") presents at another "
                            + "sharing day at that time; choose another start or day");
        }
        // Left out for time: those that would have come next had the day been longer.
        int leftOutForTime = Math.max(0, Math.min(request.maxPresenters(), ranked.size() - busy) - slots.size());
        ConsultationBlock block = new ConsultationBlock(cursor.toOffsetDateTime(),
                cursor.plusMinutes(consultation).toOffsetDateTime());
        TreeSet<String> agencies = new TreeSet<>();
        audienceStatements.forEach(s -> agencies.add(s.agencyCode()));
        return new SharingDayAgenda(theme, request.audience(), request.date(), slots, block, List.copyOf(agencies),
                audienceStatements.stream().map(OpenProblemStatement::id).sorted().toList(), leftOutForTime);
    }

    /** Elapsed minutes between the start and the end of day (zone-aware, so DST days are right). */
    private long minutesUntilEndOfDay(SharingDayRequest r) {
        return Duration.between(r.date().atTime(r.startTime()).atZone(calendar.zone()),
                r.date().atTime(policy.endOfDay()).atZone(calendar.zone())).toMinutes();
    }

    /**
     * The rules of a new date and start for an existing agenda of {@code agendaMinutes} (all its
     * presentations and the consultation): the request's own rules (a future weekday that is not a
     * public holiday, start within the day) and the whole agenda ending by the end of the day.
     */
    public void validateMove(SharingDayRequest request, long agendaMinutes) {
        validate(request);
        if (minutesUntilEndOfDay(request) < agendaMinutes) {
            new FieldErrors().add("startTime", "the agenda of " + agendaMinutes + " minutes must end by "
                    + policy.endOfDay() + "; start no later than " + policy.endOfDay().minusMinutes(agendaMinutes))
                    .throwIfAny();
        }
    }

    private void validate(SharingDayRequest r) {
        FieldErrors errors = new FieldErrors()
                .text("theme", r.theme(), 1, 100, true)
                .requiredRange("presentationMinutes", r.presentationMinutes(), policy.minPresentationMinutes(), policy.maxPresentationMinutes())
                .requiredRange("consultationMinutes", r.consultationMinutes(), policy.minConsultationMinutes(), policy.maxConsultationMinutes())
                .requiredRange("maxPresenters", r.maxPresenters(), 1, policy.maxPresentersLimit());
        if (r.audience() == null) {
            errors.add("audience", "is required: give agencyCodes or domain");
        }
        if (r.date() == null) {
            errors.add("date", "is required");
        } else if (!r.date().isAfter(calendar.today(clock))) {
            errors.add("date", "must be after today (" + calendar.zone() + ")");
        } else if (ProgrammeCalendar.isWeekend(r.date())) {
            errors.add("date", r.date() + " is not a working day: weekends are excluded");
        }
        LocalTime start = r.startTime();
        if (start == null) {
            errors.add("startTime", "is required");
        } else if (start.isBefore(policy.earliestStart()) || !start.isBefore(policy.endOfDay())) {
            errors.add("startTime", "must be between " + policy.earliestStart() + " and " + policy.endOfDay());
        } else if (r.date() != null && !errors.has("presentationMinutes") && !errors.has("consultationMinutes")) {
            long needed = r.presentationMinutes() + r.consultationMinutes();
            if (minutesUntilEndOfDay(r) < needed) {
                errors.add("startTime", "one " + r.presentationMinutes() + "-minute presentation and the "
                        + r.consultationMinutes() + "-minute consultation must end by " + policy.endOfDay()
                        + "; start no later than " + policy.endOfDay().minusMinutes(needed));
            }
        }
        errors.throwIfAny();
        calendar.requireOpen(r.date());
    }
}
