package io.innoleap.scheduler.workshops.domain;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.scheduler.Fixtures;
import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.programme.domain.FieldError;
import io.innoleap.scheduler.programme.domain.InvalidRequestException;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;
import io.innoleap.scheduler.readmodel.ProviderMatch;
import io.innoleap.scheduler.readmodel.RankedProvider;

import static io.innoleap.scheduler.Fixtures.CALENDAR;
import static io.innoleap.scheduler.Fixtures.CLOCK;
import static io.innoleap.scheduler.Fixtures.match;
import static io.innoleap.scheduler.Fixtures.problem;
import static io.innoleap.scheduler.Fixtures.workshop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkshopPlannerTest {
    private final WorkshopPlanner planner = new WorkshopPlanner(CALENDAR, WorkshopPolicy.defaults(), CLOCK);

    // smart-cities: LTA (urgent) + URA -> top demand; cybersecurity: CSA only.
    private final OpenProblemStatement bus = problem("Bus bunching", "LTA", "transport", Horizon.IMMEDIATE_OPERATIONAL, "smart-cities", "data-analytics");
    private final OpenProblemStatement kerb = problem("Kerb congestion", "URA", "planning", Horizon.LONG_TERM, "smart-cities");
    private final OpenProblemStatement lift = problem("Lift breakdowns", "LTA", "transport", Horizon.LONG_TERM, "smart-cities");
    private final OpenProblemStatement phishing = problem("Phishing triage", "CSA", "security", Horizon.LONG_TERM, "cybersecurity");
    private final List<OpenProblemStatement> open = List.of(bus, kerb, lift, phishing);
    private final Map<UUID, List<ProviderMatch>> matches = Map.of(
            bus.id(), List.of(match("Aurora", 0.9, "smart-cities"), match("Beacon", 0.4, "smart-cities")),
            kerb.id(), List.of(match("Beacon", 0.7, "smart-cities"), match("Citrine", 0.3, "smart-cities")),
            lift.id(), List.of(match("Dynamo", 0.2, "smart-cities")),
            phishing.id(), List.of(match("Shield", 0.8, "cybersecurity")));

    private WorkshopPlan plan(WorkshopPlanRequest request, List<ExistingWorkshop> existing) {
        return planner.plan(request, existing, open, matches);
    }

    @Test
    void withoutPreviousWorkshopTakesTheFirstWeekdayOnOrAfterNotBefore() {
        WorkshopPlan plan = plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2027-01-01")), List.of());

        // 1 Jan 2027 is a Friday but New Year's Day; the weekend follows.
        assertThat(plan.date()).isEqualTo(LocalDate.parse("2027-01-04"));
        assertThat(plan.previousWorkshop()).isNull();
        assertThat(plan.startsAt()).isEqualTo(Instant.parse("2027-01-04T01:30:00Z")); // 09:30 in Singapore
        assertThat(plan.endsAt()).isEqualTo(Instant.parse("2027-01-04T04:30:00Z"));
        assertThat(plan.durationMinutes()).isEqualTo(180);
    }

    @Test
    void notBeforeOnASaturdayMovesToMonday() {
        WorkshopPlan plan = plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2026-12-05")), List.of());

        assertThat(plan.date()).isEqualTo(LocalDate.parse("2026-12-07"));
        assertThat(plan.date().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    }

    @Test
    void withoutNotBeforeOrPreviousTheEarliestDateIsTomorrow() {
        WorkshopPlan plan = plan(new WorkshopPlanRequest(null, null, null, null, null, false), List.of());

        assertThat(plan.date()).isEqualTo(LocalDate.parse("2026-11-24"));
    }

    @Test
    void aNotBeforeInThePastCannotProduceAPastDate() {
        WorkshopPlan plan = plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2025-01-01")), List.of());

        assertThat(plan.date()).isAfter(LocalDate.parse("2026-11-23"));
    }

    @Test
    void publicHolidaysAreSkipped() {
        WorkshopPlanner withHolidays = new WorkshopPlanner(new ProgrammeCalendar(Fixtures.SGT,
                Set.of(LocalDate.parse("2026-12-25"))), WorkshopPolicy.defaults(), CLOCK);

        WorkshopPlan plan = withHolidays.plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2026-12-25")), List.of(), open, matches);

        assertThat(plan.date()).isEqualTo(LocalDate.parse("2026-12-28"));
    }

    @Test
    void singaporesPublicHolidaysAreSkippedInAnyYear() {
        // Mon 25 Dec 2028 is Christmas Day; Fri 14 Apr 2028 Good Friday; Thu 1 May 2031 Labour Day.
        assertThat(plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2028-12-25")), List.of()).date())
                .isEqualTo(LocalDate.parse("2028-12-26"));
        assertThat(plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2028-04-14")), List.of()).date())
                .isEqualTo(LocalDate.parse("2028-04-17"));
        assertThat(plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2031-05-01")), List.of()).date())
                .isEqualTo(LocalDate.parse("2031-05-02"));
    }

    @Test
    void withAPreviousWorkshopTheDateIsEightWeeksLaterAtTheEarliest() {
        WorkshopPlan plan = plan(WorkshopPlanRequest.notBefore(null), List.of(workshop("cloud", LocalDate.parse("2026-10-01"))));

        assertThat(plan.previousWorkshop()).isEqualTo(LocalDate.parse("2026-10-01"));
        assertThat(plan.date()).isEqualTo(LocalDate.parse("2026-11-26")); // + 56 days
        assertThat(plan.windowEnd()).isEqualTo(LocalDate.parse("2026-12-31")); // + 91 days
    }

    @Test
    void notBeforeInsideTheCadenceWindowWins() {
        WorkshopPlan plan = plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2026-12-14")),
                List.of(workshop("cloud", LocalDate.parse("2026-10-01"))));

        assertThat(plan.date()).isEqualTo(LocalDate.parse("2026-12-14"));
    }

    @Test
    void theLatestExistingWorkshopIsThePreviousOneEvenWhenItIsStillUpcoming() {
        WorkshopPlan plan = plan(WorkshopPlanRequest.notBefore(null), List.of(
                workshop("cloud", LocalDate.parse("2026-09-01")), workshop("education", LocalDate.parse("2026-12-10"))));

        assertThat(plan.previousWorkshop()).isEqualTo(LocalDate.parse("2026-12-10"));
        assertThat(plan.date()).isEqualTo(LocalDate.parse("2027-02-04"));
    }

    @Test
    void notBeforeAfterTheCadenceWindowIsAConflict() {
        assertThatThrownBy(() -> plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2027-01-04")),
                List.of(workshop("cloud", LocalDate.parse("2026-10-01")))))
                .isInstanceOfSatisfying(CadenceWindowUnavailableException.class, e -> {
                    assertThat(e.windowEnd()).isEqualTo(LocalDate.parse("2026-12-31"));
                    assertThat(e.getMessage()).contains("2026-10-01", "overrideCadence");
                });
    }

    @Test
    void aLapsedCadenceIsAConflictUnlessOverridden() {
        List<ExistingWorkshop> longAgo = List.of(workshop("cloud", LocalDate.parse("2026-06-01")));

        assertThatThrownBy(() -> plan(WorkshopPlanRequest.notBefore(null), longAgo))
                .isInstanceOf(CadenceWindowUnavailableException.class);

        WorkshopPlan overridden = plan(new WorkshopPlanRequest(LocalDate.parse("2027-01-04"), null, null, null, null, true), longAgo);
        assertThat(overridden.date()).isEqualTo(LocalDate.parse("2027-01-04"));
        assertThat(overridden.previousWorkshop()).isNull();
    }

    @Test
    void everyPlannedDateIsAWorkingDayInsideItsWindow() {
        List<ExistingWorkshop> previous = List.of(workshop("cloud", LocalDate.parse("2026-10-01")));
        for (LocalDate notBefore = LocalDate.parse("2026-11-01"); notBefore.isBefore(LocalDate.parse("2027-01-01")); notBefore = notBefore.plusDays(1)) {
            WorkshopPlan plan;
            try {
                plan = plan(WorkshopPlanRequest.notBefore(notBefore), previous);
            } catch (CadenceWindowUnavailableException e) {
                assertThat(notBefore).isAfter(LocalDate.parse("2026-12-31"));
                continue;
            }
            assertThat(CALENDAR.isWorkingDay(plan.date())).as("weekday for %s", notBefore).isTrue();
            assertThat(plan.date()).isAfterOrEqualTo(notBefore).isBetween(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-12-31"));
        }
    }

    @Test
    void picksTheTopDemandThemeWithItsParticipantsAndBestMatchedProviders() {
        WorkshopPlan plan = plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2027-01-04")), List.of());

        assertThat(plan.theme()).isEqualTo("smart-cities");
        assertThat(plan.demand().distinctAgencies()).isEqualTo(2);
        assertThat(plan.participants()).extracting(p -> p.agency().code()).containsExactly("LTA", "URA");
        assertThat(plan.participants().get(0).problemStatements()).extracting(OpenProblemStatement::title)
                .containsExactly("Bus bunching", "Lift breakdowns");
        assertThat(plan.participants().get(1).problemStatements()).containsExactly(kerb);
        // Beacon 0.4 + 0.7 = 1.1 > Aurora 0.9 > Citrine 0.3 > Dynamo 0.2; Shield is cybersecurity only.
        assertThat(plan.invitedProviders()).extracting(RankedProvider::organisationName)
                .containsExactly("Beacon", "Aurora", "Citrine", "Dynamo");
    }

    @Test
    void invitedProvidersAreCappedAtCapacity() {
        WorkshopPlan plan = plan(new WorkshopPlanRequest(null, LocalTime.of(14, 0), 120, 2, "Innovation Hub", false), List.of());

        assertThat(plan.capacity()).isEqualTo(2);
        assertThat(plan.invitedProviders()).extracting(RankedProvider::organisationName).containsExactly("Beacon", "Aurora");
        assertThat(plan.venue()).isEqualTo("Innovation Hub");
        assertThat(plan.startsAt().atZone(Fixtures.SGT).toLocalTime()).isEqualTo(LocalTime.of(14, 0));
        assertThat(plan.endsAt()).isEqualTo(plan.startsAt().plusSeconds(7200));
    }

    @Test
    void aThemeWithAnUpcomingWorkshopIsSkippedButAPastOneDoesNotCoverIt() {
        WorkshopPlan skip = plan(WorkshopPlanRequest.notBefore(null), List.of(workshop("smart-cities", LocalDate.parse("2026-12-01"))));
        assertThat(skip.theme()).isNotEqualTo("smart-cities");

        WorkshopPlan again = plan(WorkshopPlanRequest.notBefore(null), List.of(workshop("smart-cities", LocalDate.parse("2026-10-01"))));
        assertThat(again.theme()).isEqualTo("smart-cities");
    }

    @Test
    void nothingToPlanWhenEveryThemeIsCoveredOrThereIsNoDemand() {
        List<ExistingWorkshop> all = new ArrayList<>();
        LocalDate d = LocalDate.parse("2026-12-01");
        for (String theme : List.of("smart-cities", "data-analytics", "cybersecurity")) {
            all.add(workshop(theme, d));
            d = d.plusDays(1);
        }
        assertThatThrownBy(() -> planner.plan(WorkshopPlanRequest.notBefore(null), all, open, matches))
                .isInstanceOf(NoUncoveredDemandException.class);
        assertThatThrownBy(() -> planner.plan(WorkshopPlanRequest.notBefore(null), List.of(), List.of(), Map.of()))
                .isInstanceOf(NoUncoveredDemandException.class);
    }

    @Test
    void outOfRangeInputsAreAllReported() {
        assertThatThrownBy(() -> plan(new WorkshopPlanRequest(null, null, 10, 0, "x".repeat(201), false), List.of()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("durationMinutes", "capacity", "venue");
                });
    }

    @Test
    void aLateStartWithTheDefaultDurationWouldEndTomorrowAndIsRefused() {
        assertThatThrownBy(() -> plan(new WorkshopPlanRequest(null, LocalTime.of(22, 0), null, null, null, false), List.of()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("durationMinutes"));
        assertThat(plan(new WorkshopPlanRequest(null, LocalTime.of(21, 0), null, null, null, false), List.of()).endsAt()
                .atZone(Fixtures.SGT).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
    }
}
