package io.innoleap.servicekit.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/**
 * One event waiting to be (or already) published; {@code payload} is the JSON envelope. A row
 * Kafka refused for good is {@code parkedAt}: it and its aggregate's later rows wait for an operator.
 */
@MappedEntity("outbox_event")
public record OutboxEvent(
        @Id @GeneratedValue @Nullable Long id,
        @TypeDef(type = DataType.STRING) UUID eventId,
        String topic,
        String recordKey,
        String eventType,
        String payload,
        Instant createdAt,
        @Nullable Instant publishedAt,
        int attempts,
        @Nullable String lastError,
        @Nullable Instant parkedAt) {

    public OutboxEvent(@Nullable Long id, UUID eventId, String topic, String recordKey, String eventType, String payload,
                       Instant createdAt, @Nullable Instant publishedAt, int attempts, @Nullable String lastError) {
        this(id, eventId, topic, recordKey, eventType, payload, createdAt, publishedAt, attempts, lastError, null);
    }
}
