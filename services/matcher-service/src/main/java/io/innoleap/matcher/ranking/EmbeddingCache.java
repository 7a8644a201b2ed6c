package io.innoleap.matcher.ranking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where embeddings survive restarts. Keys are {@link #keyOf(String, String)}: a hash of the model
 * id and the exact embedded text, so an edited text or a new model never reuses a stale vector.
 * The service implements this over its database (store {@link VectorCodec#encode(float[])}).
 */
public interface EmbeddingCache {

    Optional<float[]> get(String key);

    void put(String key, float[] vector);

    /** Many at once: key -> vector for the keys present. */
    default Map<String, float[]> getAll(Collection<String> keys) {
        Map<String, float[]> out = new HashMap<>();
        for (String k : keys) {
            get(k).ifPresent(v -> out.put(k, v));
        }
        return out;
    }

    /** Many at once (a batch of snapshots embedded together). */
    default void putAll(Map<String, float[]> vectors) {
        vectors.forEach(this::put);
    }

    static String keyOf(String modelId, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(modelId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /** Process-local cache; enough for tests and the evaluation command. */
    static EmbeddingCache inMemory() {
        Map<String, float[]> map = new ConcurrentHashMap<>();
        return new EmbeddingCache() {
            @Override
            public Optional<float[]> get(String key) {
                return Optional.ofNullable(map.get(key)).map(float[]::clone);
            }

            @Override
            public void put(String key, float[] vector) {
                map.put(key, vector.clone());
            }
        };
    }

    /** No caching: every upsert embeds. */
    static EmbeddingCache none() {
        return new EmbeddingCache() {
            @Override
            public Optional<float[]> get(String key) {
                return Optional.empty();
            }

            @Override
            public void put(String key, float[] vector) {
            }
        };
    }
}
