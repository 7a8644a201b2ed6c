package io.innoleap.matcher.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;

/** One cached embedding: {@code EmbeddingCache.keyOf(model, text)} -> float32 bytes. */
@MappedEntity("embedding")
public record EmbeddingRow(
        @Id String cacheKey,
        @TypeDef(type = DataType.BYTE_ARRAY) byte[] vector,
        Instant createdAt) {
}
