package io.innoleap.matcher.matching;

import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.store.DatabaseEmbeddingCache;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** One ranking engine per service, with the database-backed embedding cache. */
@Factory
public class EngineFactory {

    @Singleton
    MatchEngine matchEngine(MatcherSettings settings, SharedEmbedder embedder, DatabaseEmbeddingCache cache) {
        MatchEngine engine = new MatchEngine(settings.toConfig(), embedder, cache);
        engine.feedbackPrior(settings.feedbackPrior());
        return engine;
    }
}
