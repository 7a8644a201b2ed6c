package io.innoleap.scheduler.reports.domain;

import io.innoleap.scheduler.programme.domain.FieldErrors;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The days a report covers, both included, in the programme zone: {@code from} and {@code to} are
 * required {@code YYYY-MM-DD} dates, {@code from} not after {@code to}, at most five years apart.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    public static final int MAX_YEARS = 5;

    /** Parses the query values; every failing field is reported at once (400). */
    public static ReportPeriod parse(String from, String to) {
        FieldErrors errors = new FieldErrors();
        LocalDate f = date(errors, "from", from);
        LocalDate t = date(errors, "to", to);
        if (f != null && t != null) {
            if (f.isAfter(t)) {
                errors.add("from", "must not be after to");
            } else if (t.isAfter(f.plusYears(MAX_YEARS))) {
                errors.add("to", "must be at most " + MAX_YEARS + " years after from");
            }
        }
        errors.throwIfAny();
        return new ReportPeriod(f, t);
    }

    private static LocalDate date(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date YYYY-MM-DD");
            return null;
        }
    }

    /** The first instant of {@code from} in the zone. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code to} in the zone (exclusive end). */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
