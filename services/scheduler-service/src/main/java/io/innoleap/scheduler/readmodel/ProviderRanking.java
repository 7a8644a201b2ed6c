package io.innoleap.scheduler.readmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Aggregates per-problem match lists into one provider ranking for a theme (workshop invitations
 * and sharing-day presenters).
 *
 * <p>Aggregation: for each problem statement, keep each provider's best score among its matches
 * that share the theme (a provider listed twice counts once); then sum those best scores across
 * the statements. Summing rewards a provider relevant to many of the agencies' statements over
 * one that is excellent for a single statement only; the per-problem max stops duplicate rows
 * from inflating a provider. Scores that are not finite or not positive are ignored (the matcher
 * retracts rather than scores 0).
 *
 * <p>Ties (deterministic): higher total, higher best single score, more statements matched,
 * organisation name (case-insensitive), then profile id.
 */
public final class ProviderRanking {

    public static final Comparator<RankedProvider> ORDER = Comparator
            .comparingDouble(RankedProvider::totalScore).reversed()
            .thenComparing(Comparator.comparingDouble(RankedProvider::bestScore).reversed())
            .thenComparing(Comparator.comparingInt(RankedProvider::matchedProblemStatements).reversed())
            .thenComparing(p -> p.organisationName().toLowerCase(Locale.ROOT))
            .thenComparing(RankedProvider::solutionProfileId);

    private ProviderRanking() {
    }

    public static List<RankedProvider> rank(String theme, Collection<OpenProblemStatement> problems,
                                            Map<UUID, List<ProviderMatch>> matchesByProblem) {
        Map<UUID, double[]> totals = new LinkedHashMap<>(); // [total, best, count]
        Map<UUID, String> names = new HashMap<>();
        // Iterate problems in id order so floating-point sums do not depend on input order.
        List<UUID> problemIds = problems.stream().map(OpenProblemStatement::id).distinct().sorted().toList();
        for (UUID problemId : problemIds) {
            Map<UUID, Double> bestForProblem = new HashMap<>();
            for (ProviderMatch m : matchesByProblem.getOrDefault(problemId, List.of())) {
                if (!m.sharedThemes().contains(theme) || !Double.isFinite(m.score()) || m.score() <= 0) {
                    continue;
                }
                bestForProblem.merge(m.solutionProfileId(), m.score(), Math::max);
                names.putIfAbsent(m.solutionProfileId(), m.organisationName());
            }
            bestForProblem.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                double[] acc = totals.computeIfAbsent(e.getKey(), k -> new double[3]);
                acc[0] += e.getValue();
                acc[1] = Math.max(acc[1], e.getValue());
                acc[2] += 1;
            });
        }
        List<RankedProvider> ranked = new ArrayList<>();
        totals.forEach((id, acc) -> ranked.add(new RankedProvider(id, names.get(id), acc[0], acc[1], (int) acc[2])));
        ranked.sort(ORDER);
        return List.copyOf(ranked);
    }
}
