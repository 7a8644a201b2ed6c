package io.innoleap.scheduler.reports.domain;

import io.innoleap.scheduler.programme.domain.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgrammeFunnelTest {

    private static final LocalDate JAN_4 = LocalDate.parse("2027-01-04");

    private static StatementFacts s(List<String> themes, boolean matched, boolean requested, LocalDate confirmed, boolean piloting) {
        return new StatementFacts(UUID.randomUUID(), themes, JAN_4, matched, requested, confirmed, piloting);
    }

    @Test
    void aStatementWithTwoThemesCountsUnderEachAndOnceInTheTotal() {
        var result = ProgrammeFunnel.count(List.of(
                s(List.of("b", "a"), true, true, JAN_4.plusDays(10), true),
                s(List.of("a"), true, true, JAN_4.plusDays(13), false),
                s(List.of("a"), false, false, null, false)),
                List.of(new HeldEvent(HeldEvent.Kind.WORKSHOP, "a"), new HeldEvent(HeldEvent.Kind.SHARING_DAY, "c")));
        assertThat(result.themes()).containsExactly(
                new FunnelRow("a", 3, 2, 2, 2, 1, 1, 0, 11.5),
                new FunnelRow("b", 1, 1, 1, 1, 1, 0, 0, 10.0),
                new FunnelRow("c", 0, 0, 0, 0, 0, 0, 1, null));
        assertThat(result.total()).isEqualTo(new FunnelRow(null, 3, 2, 2, 2, 1, 1, 1, 11.5));
    }

    @Test
    void medianOfOddAndEvenCountsAndNoneAtAll() {
        assertThat(ProgrammeFunnel.median(List.of(5L, 1L, 3L))).isEqualTo(3.0);
        assertThat(ProgrammeFunnel.median(List.of(4L, 1L))).isEqualTo(2.5);
        assertThat(ProgrammeFunnel.median(List.of())).isNull();
    }

    @Test
    void periodFieldsAreNamedWhenMissingUnparseableReversedOrTooLong() {
        assertThat(ReportPeriod.parse("2027-01-01", "2027-12-31")).isEqualTo(
                new ReportPeriod(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31")));
        assertThat(ReportPeriod.parse("2027-01-01", "2032-01-01").to()).isEqualTo(LocalDate.parse("2032-01-01"));
        assertFields(() -> ReportPeriod.parse(null, " "), "from", "to");
        assertFields(() -> ReportPeriod.parse("2027-13-01", "tomorrow"), "from", "to");
        assertFields(() -> ReportPeriod.parse("2027-02-01", "2027-01-31"), "from");
        assertFields(() -> ReportPeriod.parse("2027-01-01", "2032-01-02"), "to");
    }

    private static void assertFields(Runnable call, String... fields) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly(fields));
    }
}
