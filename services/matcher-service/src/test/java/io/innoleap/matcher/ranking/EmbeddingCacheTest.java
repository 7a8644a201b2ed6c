package io.innoleap.matcher.ranking;

import static io.innoleap.matcher.ranking.Samples.BUS;
import static io.innoleap.matcher.ranking.Samples.HEADWAY;
import static io.innoleap.matcher.ranking.Samples.PARKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {

    /** Counts how often the model really runs. */
    private static final class CountingEmbedder implements TextEmbedder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String modelId() {
            return Samples.model().modelId();
        }

        @Override
        public float[] embed(String text) {
            calls.incrementAndGet();
            return Samples.model().embed(text);
        }
    }

    @Test
    void aRestartWithTheSameCacheEmbedsNothing() {
        EmbeddingCache cache = EmbeddingCache.inMemory();
        CountingEmbedder first = new CountingEmbedder();
        MatchEngine before = new MatchEngine(MatchConfig.defaults(), first, cache);
        before.upsertProfile(HEADWAY);
        before.upsertProfile(PARKING);
        before.upsertProblem(BUS);
        assertThat(first.calls).hasValue(3);

        CountingEmbedder second = new CountingEmbedder();
        MatchEngine after = new MatchEngine(MatchConfig.defaults(), second, cache);
        after.upsertProfile(HEADWAY);
        after.upsertProfile(PARKING);
        after.upsertProblem(BUS);
        assertThat(second.calls).hasValue(0);
        assertThat(after.rank(BUS.id(), 10)).isEqualTo(before.rank(BUS.id(), 10));
    }

    @Test
    void keysChangeWithTheTextAndTheModel() {
        MatchEngine engine = Samples.engine(MatchConfig.defaults());
        ProfileDoc edited = new ProfileDoc(HEADWAY.id(), HEADWAY.solutionName(), HEADWAY.summary() + " Now with trams.",
                HEADWAY.keywords(), HEADWAY.themes(), 8, true);
        assertThat(engine.embeddingKey(HEADWAY)).isNotEqualTo(engine.embeddingKey(edited));
        assertThat(EmbeddingCache.keyOf("model-a", "text")).isNotEqualTo(EmbeddingCache.keyOf("model-b", "text"))
                .hasSize(64);
    }

    @Test
    void precomputedVectorsStoredAsBytesGiveTheSameRanking() {
        MatchEngine computed = Samples.engine(MatchConfig.defaults().withMinScore(0));
        computed.upsertProfile(HEADWAY);
        computed.upsertProfile(PARKING);
        computed.upsertProblem(BUS);

        MatchEngine restored = new MatchEngine(MatchConfig.defaults().withMinScore(0), new CountingEmbedder(),
                EmbeddingCache.none());
        for (ProfileDoc p : List.of(HEADWAY, PARKING)) {
            byte[] stored = VectorCodec.encode(computed.embedding(p));
            restored.upsertProfile(p, VectorCodec.decode(stored));
        }
        restored.upsertProblem(BUS, computed.embedding(BUS));
        assertThat(restored.rank(BUS.id(), 10)).isEqualTo(computed.rank(BUS.id(), 10));
    }

    @Test
    void vectorsOfAnotherDimensionAreRejected() {
        MatchEngine engine = Samples.engine(MatchConfig.defaults());
        engine.upsertProfile(HEADWAY);
        assertThatThrownBy(() -> engine.upsertProfile(PARKING, new float[] {1f, 0f, 0f}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codecRoundTripsExactly() {
        float[] v = {0.25f, -1.5f, 3.0e-7f, 0f};
        assertThat(VectorCodec.decode(VectorCodec.encode(v))).containsExactly(v);
        assertThat(VectorCodec.encode(v)).hasSize(16);
    }
}
