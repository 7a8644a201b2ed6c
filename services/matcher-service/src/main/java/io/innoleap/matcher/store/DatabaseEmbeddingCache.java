package io.innoleap.matcher.store;

import io.innoleap.matcher.ranking.EmbeddingCache;
import io.innoleap.matcher.ranking.VectorCodec;
import io.innoleap.matcher.store.Repositories.EmbeddingRows;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's embedding cache over the matcher's own database, so a restart (or a replay of the
 * topics) never recomputes an embedding it has seen. Writes run in their own short transaction:
 * embedding happens before, and outside, the transaction that stores matches.
 */
@Singleton
public class DatabaseEmbeddingCache implements EmbeddingCache {

    private final EmbeddingRows rows;
    private final Clock clock;
    private final AtomicLong misses = new AtomicLong();
    private final JdbcOperations jdbc;

    public DatabaseEmbeddingCache(EmbeddingRows rows, Clock clock, JdbcOperations jdbc) {
        this.rows = rows;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<float[]> get(String key) {
        Optional<float[]> found = rows.findById(key).map(r -> VectorCodec.decode(r.vector()));
        if (found.isEmpty()) {
            misses.incrementAndGet();
        }
        return found;
    }

    /** Many at once (the rebuild, a batch of snapshots): key -> vector for the keys present. */
    @Override
    @Transactional(readOnly = true)
    public Map<String, float[]> getAll(Collection<String> keys) {
        Map<String, float[]> out = new HashMap<>();
        if (!keys.isEmpty()) {
            for (EmbeddingRow r : rows.findByCacheKeyIn(keys)) {
                out.put(r.cacheKey(), VectorCodec.decode(r.vector()));
            }
            misses.addAndGet(keys.size() - out.size());
        }
        return out;
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void put(String key, float[] vector) {
        if (rows.existsById(key)) {
            return;
        }
        try {
            rows.save(new EmbeddingRow(key, VectorCodec.encode(vector), clock.instant()));
        } catch (DataAccessException e) {
            // Two consumers embedded the same text at once: the other one's row is as good.
            if (!rows.existsById(key)) {
                throw e;
            }
        }
    }

    /**
     * A batch's new vectors in one short transaction (batch insert). Keys already stored are
     * skipped, and so is a key another replica inserts at the same time ({@code INSERT IGNORE}):
     * replicas embed the same texts at about the same moment, and either row is as good.
     */
    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void putAll(Map<String, float[]> vectors) {
        if (vectors.isEmpty()) {
            return;
        }
        Set<String> present = new HashSet<>();
        rows.findByCacheKeyIn(vectors.keySet()).forEach(r -> present.add(r.cacheKey()));
        List<EmbeddingRow> fresh = new ArrayList<>();
        vectors.forEach((k, v) -> {
            if (!present.contains(k)) {
                fresh.add(new EmbeddingRow(k, VectorCodec.encode(v), clock.instant()));
            }
        });
        if (!fresh.isEmpty()) {
            jdbc.prepareStatement("INSERT IGNORE INTO embedding (cache_key, vector, created_at) VALUES (?, ?, ?)", ps -> {
                for (EmbeddingRow r : fresh) {
                    ps.setString(1, r.cacheKey());
                    ps.setBytes(2, r.vector());
                    ps.setTimestamp(3, java.sql.Timestamp.from(r.createdAt()));
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            });
        }
    }

    /** Lookups that found nothing since start (each one is followed by an embedding). */
    public long misses() {
        return misses.get();
    }
}
