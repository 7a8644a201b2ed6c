package io.innoleap.scheduler.programme;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Singapore's public holidays for years beyond any date list, plus the programme's own closures. */
class ProgrammeCalendarTest {

    private final ProgrammeCalendar singapore = ProgrammeCalendar.singapore();

    @Test
    void knowsSingaporesPublicHolidaysIn2028And2031() {
        assertThat(singapore.publicHolidays(2028)).containsEntry(LocalDate.parse("2028-04-14"), "Good Friday")
                .containsEntry(LocalDate.parse("2028-12-25"), "Christmas")
                .containsEntry(LocalDate.parse("2028-08-09"), "National Day");
        assertThat(singapore.publicHolidays(2031)).containsEntry(LocalDate.parse("2031-01-01"), "New Year's Day")
                .containsKey(LocalDate.parse("2031-05-01"));
        assertThat(singapore.isWorkingDay(LocalDate.parse("2028-04-14"))).isFalse();
        assertThat(singapore.isWorkingDay(LocalDate.parse("2028-04-13"))).isTrue();
        assertThat(singapore.closedDay(LocalDate.parse("2031-12-25")).orElseThrow().describe())
                .isEqualTo("2031-12-25 is a public holiday in Singapore: Christmas");
    }

    @Test
    void aSundayHolidayClosesTheMondayAfter() {
        // National Day 2026 is a Sunday; Monday 10 August is the day off.
        assertThat(singapore.isWorkingDay(LocalDate.parse("2026-08-10"))).isFalse();
        assertThat(singapore.closedDay(LocalDate.parse("2026-08-10")).orElseThrow().name()).isEqualTo("National Day");
    }

    @Test
    void configuredClosuresAreClosedToo() {
        ProgrammeCalendar calendar = new ProgrammeCalendar(ProgrammeCalendar.DEFAULT_ZONE, PublicHolidays.of("sg"),
                Map.of(LocalDate.parse("2028-01-26"), "Chinese New Year", LocalDate.parse("2028-03-01"), ""));

        assertThat(calendar.isWorkingDay(LocalDate.parse("2028-01-26"))).isFalse();
        assertThat(calendar.closedDay(LocalDate.parse("2028-01-26")).orElseThrow().describe())
                .isEqualTo("2028-01-26 is a closure day of the programme: Chinese New Year");
        assertThatThrownBy(() -> calendar.requireOpen(LocalDate.parse("2028-03-01")))
                .isInstanceOf(ClosedDayException.class).hasMessageStartingWith("2028-03-01 is a closure day of the programme;");
        assertThatThrownBy(() -> calendar.requireOpen(LocalDate.parse("2028-04-14")))
                .hasMessage("2028-04-14 is a public holiday in Singapore: Good Friday; nothing is booked on it");
        calendar.requireOpen(LocalDate.parse("2028-04-13"));
    }

    @Test
    void weekendsAreNotWorkingDaysButNotClosures() {
        assertThat(singapore.isWorkingDay(LocalDate.parse("2028-04-15"))).isFalse();
        assertThat(singapore.closedDay(LocalDate.parse("2028-04-15"))).isEmpty();
    }
}
