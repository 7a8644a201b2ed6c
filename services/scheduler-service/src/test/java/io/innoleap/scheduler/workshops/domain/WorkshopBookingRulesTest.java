package io.innoleap.scheduler.workshops.domain;

import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.programme.domain.FieldError;
import io.innoleap.scheduler.programme.domain.InvalidRequestException;

import static io.innoleap.scheduler.Fixtures.CALENDAR;
import static io.innoleap.scheduler.Fixtures.CLOCK;
import static io.innoleap.scheduler.Fixtures.SGT;
import static io.innoleap.scheduler.Fixtures.workshop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkshopBookingRulesTest {
    private final WorkshopBookingRules rules = new WorkshopBookingRules(CALENDAR, WorkshopPolicy.defaults(), CLOCK);
    private final List<ExistingWorkshop> previousOnOct1 = List.of(workshop("cloud", LocalDate.parse("2026-10-01")));

    private static WorkshopBookingRequest on(LocalDate date, boolean override) {
        return new WorkshopBookingRequest("smart-cities", date.atTime(LocalTime.of(9, 30)).atZone(SGT).toInstant(), 120,
                "Innovation Hub", 25, override);
    }

    @Test
    void aDateInsideTheWindowIsBooked() {
        ValidatedWorkshop w = rules.validate(on(LocalDate.parse("2026-12-10"), false), previousOnOct1);

        assertThat(w.date()).isEqualTo(LocalDate.parse("2026-12-10"));
        assertThat(w.endsAt()).isEqualTo(w.startsAt().plusSeconds(7200));
        assertThat(w.capacity()).isEqualTo(25);
        assertThat(w.cadence().previous()).isEqualTo(LocalDate.parse("2026-10-01"));
        assertThat(w.cadenceOverridden()).isFalse();
    }

    @Test
    void bothBoundsOfTheWindowAreInclusive() {
        assertThat(rules.validate(on(LocalDate.parse("2026-11-26"), false), previousOnOct1).date()).isEqualTo("2026-11-26"); // +56
        assertThat(rules.validate(on(LocalDate.parse("2026-12-31"), false), previousOnOct1).date()).isEqualTo("2026-12-31"); // +91
    }

    @Test
    void oneDayTooSoonOrTooLateIsAConflict() {
        assertThatThrownBy(() -> rules.validate(on(LocalDate.parse("2026-11-25"), false), previousOnOct1))
                .isInstanceOfSatisfying(CadenceViolationException.class, e -> {
                    assertThat(e.check().violations()).containsExactly(CadenceCheck.Violation.TOO_SOON_AFTER_PREVIOUS);
                    assertThat(e.getMessage()).contains("55 days after the previous workshop on 2026-10-01");
                });
        assertThatThrownBy(() -> rules.validate(on(LocalDate.parse("2027-01-04"), false), previousOnOct1))
                .isInstanceOfSatisfying(CadenceViolationException.class, e ->
                        assertThat(e.check().violations()).containsExactly(CadenceCheck.Violation.TOO_LONG_AFTER_PREVIOUS));
    }

    @Test
    void theNextExistingWorkshopConstrainsTheDateToo() {
        List<ExistingWorkshop> around = List.of(workshop("cloud", LocalDate.parse("2026-10-01")),
                workshop("education", LocalDate.parse("2027-01-14")));

        // 2026-12-10 is 70 days after the previous but only 35 days before the next one.
        assertThatThrownBy(() -> rules.validate(on(LocalDate.parse("2026-12-10"), false), around))
                .isInstanceOfSatisfying(CadenceViolationException.class, e -> {
                    assertThat(e.check().violations()).containsExactly(CadenceCheck.Violation.TOO_CLOSE_TO_NEXT);
                    assertThat(e.check().next()).isEqualTo(LocalDate.parse("2027-01-14"));
                });
    }

    @Test
    void bookingFarAheadOfAnExistingWorkshopWithNoneBeforeIsAConflict() {
        List<ExistingWorkshop> later = List.of(workshop("education", LocalDate.parse("2027-06-01")));

        assertThatThrownBy(() -> rules.validate(on(LocalDate.parse("2026-12-10"), false), later))
                .isInstanceOfSatisfying(CadenceViolationException.class, e ->
                        assertThat(e.check().violations()).containsExactly(CadenceCheck.Violation.TOO_LONG_BEFORE_NEXT));
    }

    @Test
    void aSecondWorkshopOnTheSameDayBreaksTheCadence() {
        assertThatThrownBy(() -> rules.validate(on(LocalDate.parse("2026-10-01").plusDays(70), false),
                List.of(workshop("cloud", LocalDate.parse("2026-10-01").plusDays(70)))))
                .isInstanceOf(CadenceViolationException.class);
    }

    @Test
    void overrideCadenceBooksAnywayAndSaysSo() {
        ValidatedWorkshop w = rules.validate(on(LocalDate.parse("2026-11-25"), true), previousOnOct1);

        assertThat(w.cadenceOverridden()).isTrue();
        assertThat(w.cadence().satisfied()).isFalse();
    }

    @Test
    void theFirstWorkshopHasNoCadenceToBreak() {
        assertThat(rules.validate(on(LocalDate.parse("2026-11-25"), false), List.of()).cadence().satisfied()).isTrue();
    }

    @Test
    void theWeekdayIsJudgedInTheProgrammeZone() {
        // Friday 17:00 UTC is Saturday 01:00 in Singapore.
        WorkshopBookingRequest request = new WorkshopBookingRequest("smart-cities", Instant.parse("2027-03-05T17:00:00Z"),
                60, null, null, true);

        assertThatThrownBy(() -> rules.validate(request, List.of()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.errors()).singleElement().satisfies(err -> {
                            assertThat(err.field()).isEqualTo("startsAt");
                            assertThat(err.message()).contains("2027-03-06", "not a working day");
                        }));
    }

    @Test
    void publicHolidaysAreRefused() {
        WorkshopBookingRules withHoliday = new WorkshopBookingRules(new ProgrammeCalendar(SGT,
                java.util.Set.of(LocalDate.parse("2026-12-25"))), WorkshopPolicy.defaults(), CLOCK);

        assertThatThrownBy(() -> withHoliday.validate(on(LocalDate.parse("2026-12-25"), false), previousOnOct1))
                .isInstanceOfSatisfying(io.innoleap.scheduler.programme.ClosedDayException.class, e ->
                        assertThat(e.getMessage()).startsWith("2026-12-25 is a closure day of the programme"));
    }

    @Test
    void singaporesPublicHolidaysAreAConflictNamingTheHolidayEvenWithTheCadenceOverridden() {
        // Good Friday 2028 and Labour Day 2031: years Jollyday computes from its rules, not a date list.
        assertThatThrownBy(() -> rules.validate(on(LocalDate.parse("2028-04-14"), true), previousOnOct1))
                .isInstanceOfSatisfying(io.innoleap.scheduler.programme.ClosedDayException.class, e ->
                        assertThat(e.getMessage()).startsWith("2028-04-14 is a public holiday in Singapore: Good Friday"));
        assertThatThrownBy(() -> rules.validate(on(LocalDate.parse("2031-05-01"), true), previousOnOct1))
                .isInstanceOfSatisfying(io.innoleap.scheduler.programme.ClosedDayException.class, e ->
                        assertThat(e.getMessage()).contains("2031-05-01 is a public holiday in Singapore: Labour"));
    }

    @Test
    void everyBadFieldIsListed() {
        WorkshopBookingRequest bad = new WorkshopBookingRequest(" ", Instant.parse("2026-11-01T01:30:00Z"), 600, "", 0, false);

        assertThatThrownBy(() -> rules.validate(bad, previousOnOct1))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("theme", "durationMinutes", "capacity", "startsAt"));
    }

    @Test
    void aWorkshopMustEndOnTheDayItStarts() {
        WorkshopBookingRequest late = new WorkshopBookingRequest("cloud",
                LocalDate.parse("2026-12-10").atTime(21, 0).atZone(SGT).toInstant(), 240, null, null, true);

        assertThatThrownBy(() -> rules.validate(late, List.of()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("durationMinutes"));
    }

    @Test
    void missingStartIsReported() {
        assertThatThrownBy(() -> rules.validate(new WorkshopBookingRequest("cloud", null, null, null, null, false), List.of()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("startsAt"));
    }
}
