package io.innoleap.matcher.eval;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The fixtures' metrics: nDCG@k with gain 2^grade - 1 and a log2(rank + 1) discount; P@k. */
public final class Metrics {

    private Metrics() {
    }

    public static double ndcg(List<UUID> ranked, Map<UUID, Integer> grades, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            dcg += gain(grades.getOrDefault(ranked.get(i), 0)) / log2(i + 2);
        }
        List<Integer> ideal = grades.values().stream().sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += gain(ideal.get(i)) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Share of the top k (always divided by k) with grade at least minGrade. */
    public static double precision(List<UUID> ranked, Map<UUID, Integer> grades, int k, int minGrade) {
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (grades.getOrDefault(ranked.get(i), 0) >= minGrade) {
                hits++;
            }
        }
        return (double) hits / k;
    }

    private static double gain(int grade) {
        return Math.pow(2, grade) - 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
