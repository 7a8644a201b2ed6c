package io.innoleap.contracts.events;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Full state of a problem statement, as published on {@code innoleap.problem-statements}. */
@Serdeable
public record ProblemStatementSnapshot(
        UUID id,
        Agency agency,
        String title,
        String description,
        List<String> themes,
        Horizon horizon,
        Contact contact,
        ProblemStatementStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PUBLISHED = "ProblemStatementPublished";
    public static final String UPDATED = "ProblemStatementUpdated";
    public static final String CLOSED = "ProblemStatementClosed";
}
