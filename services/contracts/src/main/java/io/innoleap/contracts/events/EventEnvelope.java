package io.innoleap.contracts.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every event travels in (the contract's "Events"): a unique id for de-duplication,
 * the event type, when it happened, the schema version, the full snapshot of the aggregate, and
 * {@code actor}: the {@code sub} of whoever caused the event (absent for events the system makes
 * by itself, such as an expiry, and in events written before it existed).
 *
 * @param <T> the snapshot type
 */
@Serdeable
public record EventEnvelope<T>(UUID eventId, String type, Instant occurredAt, int schemaVersion, T data,
                               @Nullable String actor) {

    public static final int SCHEMA_VERSION = 1;

    @Creator
    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
    }

    public EventEnvelope(UUID eventId, String type, Instant occurredAt, int schemaVersion, T data) {
        this(eventId, type, occurredAt, schemaVersion, data, null);
    }

    /** An event the system made by itself (no actor). */
    public static <T> EventEnvelope<T> of(String type, Instant occurredAt, T data) {
        return by(null, type, occurredAt, data);
    }

    /** An event caused by {@code actor} (a token's {@code sub}), or by the system when null. */
    public static <T> EventEnvelope<T> by(@Nullable String actor, String type, Instant occurredAt, T data) {
        return new EventEnvelope<>(UUID.randomUUID(), type, occurredAt, SCHEMA_VERSION, data, actor);
    }
}
