package io.innoleap.matcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void idealOrderScoresOneAndSwapsCostByGain() {
        Map<UUID, Integer> grades = Map.of(a, 3, b, 1);
        assertThat(Metrics.ndcg(List.of(a, b, c), grades, 10)).isEqualTo(1.0);
        // DCG of (c, b, a) = 1/log2(3) + 7/log2(4); ideal = 7 + 1/log2(3).
        double expected = (1 / log2(3) + 7 / 2.0) / (7 + 1 / log2(3));
        assertThat(Metrics.ndcg(List.of(c, b, a), grades, 10)).isCloseTo(expected, within(1e-12));
        assertThat(Metrics.ndcg(List.of(c), grades, 10)).isZero();
    }

    @Test
    void precisionCountsOnlyStrongFitsOverK() {
        Map<UUID, Integer> grades = Map.of(a, 3, b, 1, c, 2);
        assertThat(Metrics.precision(List.of(a, b, c), grades, 5, 2)).isEqualTo(0.4);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
