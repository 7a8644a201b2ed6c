package io.innoleap.scheduler.reports.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCsvTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertThat(ReportCsv.field("plain")).isEqualTo("plain");
        assertThat(ReportCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void csvOnlyWhenAskedForWithoutJson() {
        assertThat(ReportController.wantsCsv("text/csv")).isTrue();
        assertThat(ReportController.wantsCsv("text/csv;q=1, */*;q=0.1")).isTrue();
        assertThat(ReportController.wantsCsv(null)).isFalse();
        assertThat(ReportController.wantsCsv("application/json")).isFalse();
        assertThat(ReportController.wantsCsv("application/json, text/csv")).isFalse();
    }
}
