package io.innoleap.scheduler.domain;

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
 * fits, the request itself is impossible: 400 on {@code startTime}. No audience statement or no
 * matching provider: {@link NoMatchingPresentersException} (409).
 *
 * <p>Field rules (400): theme required; audience required; date required, after today and a
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
        for (int i = 0; i < fitting; i++) {
            RankedProvider p = ranked.get(i);
            ZonedDateTime end = cursor.plusMinutes(presentation);
            slots.add(new PresenterSlot(i + 1, p.solutionProfileId(), p.organisationName(), p.totalScore(),
                    cursor.toOffsetDateTime(), end.toOffsetDateTime()));
            cursor = end;
        }
        ConsultationBlock block = new ConsultationBlock(cursor.toOffsetDateTime(),
                cursor.plusMinutes(consultation).toOffsetDateTime());
        TreeSet<String> agencies = new TreeSet<>();
        audienceStatements.forEach(s -> agencies.add(DemandRanking.normaliseAgencyCode(s.agency().code())));
        return new SharingDayAgenda(theme, request.audience(), request.date(), slots, block, List.copyOf(agencies),
                audienceStatements.stream().map(OpenProblemStatement::id).sorted().toList(), wanted - fitting);
    }

    /** Elapsed minutes between the start and the end of day (zone-aware, so DST days are right). */
    private long minutesUntilEndOfDay(SharingDayRequest r) {
        return Duration.between(r.date().atTime(r.startTime()).atZone(calendar.zone()),
                r.date().atTime(policy.endOfDay()).atZone(calendar.zone())).toMinutes();
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
        } else if (!calendar.isWorkingDay(r.date())) {
            errors.add("date", r.date() + " is not a working day: weekends and public holidays are excluded");
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
    }
}
