package io.innoleap.scheduler.reports.api;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The report as CSV (RFC 4180): a header row, one row per theme, then the total with the theme
 * {@value #TOTAL}; CRLF line ends; a field with a comma, quote, CR or LF is quoted (quotes doubled);
 * an empty median means no confirmed clinic.
 */
final class ReportCsv {

    static final String TOTAL = "(all themes)";
    static final List<String> HEADER = List.of("theme", "posted", "matched", "clinicRequested", "clinicConfirmed",
            "piloting", "workshopsHeld", "sharingDaysHeld", "medianDaysToFirstConfirmedClinic");

    private ReportCsv() {
    }

    static String write(ReportView report) {
        StringBuilder out = new StringBuilder();
        line(out, HEADER);
        for (ReportView.Row row : report.themes()) {
            line(out, fields(row, row.theme()));
        }
        line(out, fields(report.total(), TOTAL));
        return out.toString();
    }

    private static List<String> fields(ReportView.Row r, String theme) {
        return List.of(theme, Long.toString(r.posted()), Long.toString(r.matched()), Long.toString(r.clinicRequested()),
                Long.toString(r.clinicConfirmed()), Long.toString(r.piloting()), Long.toString(r.workshopsHeld()),
                Long.toString(r.sharingDaysHeld()),
                r.medianDaysToFirstConfirmedClinic() == null ? "" : r.medianDaysToFirstConfirmedClinic().toString());
    }

    private static void line(StringBuilder out, List<String> fields) {
        out.append(fields.stream().map(ReportCsv::field).collect(Collectors.joining(","))).append("\r\n");
    }

    static String field(String value) {
        if (Stream.of(",", "\"", "\r", "\n").anyMatch(value::contains)) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
