package io.innoleap.scheduler.workshops.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/**
 * The cadence rule applied to one candidate date: the previous workshop (latest on or before the
 * date) must be {@code min..max} weeks earlier and the next one (earliest after it) {@code min..max}
 * weeks later, both bounds inclusive and counted in whole days of the programme zone. A workshop
 * on the same date counts as "previous" with a gap of 0 days, so it always violates.
 */
public record CadenceCheck(LocalDate date, LocalDate previous, LocalDate next,
                           List<Violation> violations, int minWeeks, int maxWeeks) {

    public enum Violation {
        TOO_SOON_AFTER_PREVIOUS, TOO_LONG_AFTER_PREVIOUS, TOO_CLOSE_TO_NEXT, TOO_LONG_BEFORE_NEXT
    }

    public CadenceCheck {
        violations = List.copyOf(violations);
    }

    public boolean satisfied() {
        return violations.isEmpty();
    }

    public static CadenceCheck of(LocalDate date, Collection<LocalDate> existingDates, WorkshopPolicy policy) {
        LocalDate previous = existingDates.stream().filter(d -> !d.isAfter(date)).max(LocalDate::compareTo).orElse(null);
        LocalDate next = existingDates.stream().filter(d -> d.isAfter(date)).min(LocalDate::compareTo).orElse(null);
        List<Violation> violations = new java.util.ArrayList<>();
        if (previous != null) {
            long gap = ChronoUnit.DAYS.between(previous, date);
            if (gap < policy.minDaysBetween()) violations.add(Violation.TOO_SOON_AFTER_PREVIOUS);
            if (gap > policy.maxDaysBetween()) violations.add(Violation.TOO_LONG_AFTER_PREVIOUS);
        }
        if (next != null) {
            long gap = ChronoUnit.DAYS.between(date, next);
            if (gap < policy.minDaysBetween()) violations.add(Violation.TOO_CLOSE_TO_NEXT);
            if (gap > policy.maxDaysBetween()) violations.add(Violation.TOO_LONG_BEFORE_NEXT);
        }
        return new CadenceCheck(date, previous, next, violations, policy.minWeeksBetween(), policy.maxWeeksBetween());
    }

    /** A sentence for problem+json {@code detail}. */
    public String describe() {
        if (satisfied()) {
            return date + " keeps the " + minWeeks + "-to-" + maxWeeks + "-week cadence";
        }
        StringBuilder sb = new StringBuilder(date + " breaks the " + minWeeks + "-to-" + maxWeeks + "-week cadence:");
        for (Violation v : violations) {
            switch (v) {
                case TOO_SOON_AFTER_PREVIOUS -> sb.append(" only ").append(ChronoUnit.DAYS.between(previous, date))
                        .append(" days after the previous workshop on ").append(previous).append(';');
                case TOO_LONG_AFTER_PREVIOUS -> sb.append(' ').append(ChronoUnit.DAYS.between(previous, date))
                        .append(" days after the previous workshop on ").append(previous).append(';');
                case TOO_CLOSE_TO_NEXT -> sb.append(" only ").append(ChronoUnit.DAYS.between(date, next))
                        .append(" days before the next workshop on ").append(next).append(';');
                case TOO_LONG_BEFORE_NEXT -> sb.append(' ').append(ChronoUnit.DAYS.between(date, next))
                        .append(" days before the next workshop on ").append(next).append(';');
            }
        }
        sb.append(" allowed window is ").append(minWeeks * 7).append(" to ").append(maxWeeks * 7)
                .append(" days; send overrideCadence=true to book anyway");
        return sb.toString();
    }
}
