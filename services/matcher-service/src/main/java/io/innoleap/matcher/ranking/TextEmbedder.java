package io.innoleap.matcher.ranking;

import java.util.List;

/** Turns text into a sentence embedding. Implementations must be deterministic. */
public interface TextEmbedder {

    /** Identifies model and its settings; part of every cache key. */
    String modelId();

    float[] embed(String text);

    default List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }
}
