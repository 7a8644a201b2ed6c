package io.innoleap.scheduler.reports.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.innoleap.scheduler.reports.ProgrammeReports;
import io.innoleap.scheduler.reports.domain.FunnelRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** {@code GET /api/programme/report} as JSON: one row per theme (by name) and the total over all statements. */
@Serdeable
public record ReportView(LocalDate from, LocalDate to, String zone, Instant generatedAt, List<Row> themes, Row total) {

    /** {@code theme} is null in the total; so is {@code medianDaysToFirstConfirmedClinic} when no clinic is confirmed. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(@Nullable String theme, long posted, long matched, long clinicRequested, long clinicConfirmed,
                      long piloting, long workshopsHeld, long sharingDaysHeld,
                      @Nullable Double medianDaysToFirstConfirmedClinic) {

        static Row of(FunnelRow r) {
            return new Row(r.theme(), r.posted(), r.matched(), r.clinicRequested(), r.clinicConfirmed(), r.piloting(),
                    r.workshopsHeld(), r.sharingDaysHeld(), r.medianDaysToFirstConfirmedClinic());
        }
    }

    static ReportView of(ProgrammeReports.Report report) {
        return new ReportView(report.period().from(), report.period().to(), report.zone().getId(), report.generatedAt(),
                report.funnel().themes().stream().map(Row::of).toList(), Row.of(report.funnel().total()));
    }
}
