package io.innoleap.contracts.events;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every event travels in (API.md "Events"): a unique id for de-duplication, the
 * event type, when it happened, the schema version and the full snapshot of the aggregate.
 *
 * @param <T> the snapshot type
 */
@Serdeable
public record EventEnvelope<T>(UUID eventId, String type, Instant occurredAt, int schemaVersion, T data) {

    public static final int SCHEMA_VERSION = 1;

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
    }

    public static <T> EventEnvelope<T> of(String type, Instant occurredAt, T data) {
        return new EventEnvelope<>(UUID.randomUUID(), type, occurredAt, SCHEMA_VERSION, data);
    }
}
