package io.innoleap.matcher.matching;

import io.innoleap.matcher.ranking.MiniLmEmbedder;
import io.innoleap.matcher.ranking.TextEmbedder;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's embedder: MiniLM, loaded lazily on the first text that really needs embedding
 * (a restart that finds every vector in the cache never loads the model) and once per JVM (the
 * model is ~25 MB of heap and 0.6 s to load; test contexts in one JVM share it). Counts the texts
 * it embeds, which the restart test uses to prove the rebuild recomputes nothing.
 */
@Singleton
public class SharedEmbedder implements TextEmbedder {

    private static volatile MiniLmEmbedder model;

    private final AtomicLong embedded = new AtomicLong();

    private static MiniLmEmbedder model() {
        MiniLmEmbedder m = model;
        if (m == null) {
            synchronized (SharedEmbedder.class) {
                m = model;
                if (m == null) {
                    m = new MiniLmEmbedder();
                    model = m;
                }
            }
        }
        return m;
    }

    @Override
    public String modelId() {
        return MiniLmEmbedder.MODEL_ID;
    }

    @Override
    public float[] embed(String text) {
        embedded.incrementAndGet();
        return model().embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        embedded.addAndGet(texts.size());
        return model().embedAll(texts);
    }

    /** Texts embedded by this bean since start. */
    public long embeddedTexts() {
        return embedded.get();
    }
}
