package io.innoleap.scheduler.reports.domain;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Counts the funnel per theme and in total. A statement with two themes counts under each theme and
 * once in the total; a theme appears when a statement posted in the period or a held event names it.
 * Days to the first confirmed clinic are calendar days in the programme zone from the day posted to
 * the day of the earliest confirmed clinic; the median of an even count is the mean of the middle two.
 */
public final class ProgrammeFunnel {

    private ProgrammeFunnel() {
    }

    public record Result(List<FunnelRow> themes, FunnelRow total) {
    }

    public static Result count(Collection<StatementFacts> statements, Collection<HeldEvent> held) {
        TreeSet<String> themes = new TreeSet<>();
        statements.forEach(s -> themes.addAll(s.themes()));
        held.forEach(e -> themes.add(e.theme()));
        Map<String, FunnelRow> rows = new TreeMap<>();
        for (String theme : themes) {
            rows.put(theme, row(theme, statements.stream().filter(s -> s.themes().contains(theme)).toList(),
                    held.stream().filter(e -> e.theme().equals(theme)).toList()));
        }
        return new Result(List.copyOf(rows.values()), row(null, List.copyOf(statements), List.copyOf(held)));
    }

    private static FunnelRow row(String theme, List<StatementFacts> s, List<HeldEvent> held) {
        List<Long> days = new ArrayList<>();
        for (StatementFacts f : s) {
            if (f.firstConfirmedClinicOn() != null) {
                days.add(ChronoUnit.DAYS.between(f.postedOn(), f.firstConfirmedClinicOn()));
            }
        }
        return new FunnelRow(theme, s.size(), count(s, StatementFacts::matched), count(s, StatementFacts::clinicRequested),
                days.size(), count(s, StatementFacts::piloting),
                held.stream().filter(e -> e.kind() == HeldEvent.Kind.WORKSHOP).count(),
                held.stream().filter(e -> e.kind() == HeldEvent.Kind.SHARING_DAY).count(), median(days));
    }

    private static long count(List<StatementFacts> s, Predicate<StatementFacts> p) {
        return s.stream().filter(p).count();
    }

    static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2).doubleValue() : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
