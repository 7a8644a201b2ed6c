package io.innoleap.contracts.events;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Full state of a solution profile, as published on {@code innoleap.solution-profiles}. */
@Serdeable
public record SolutionProfileSnapshot(
        UUID id,
        Organisation organisation,
        String solutionName,
        String summary,
        List<String> themes,
        List<String> keywords,
        Integer readinessLevel,
        Contact contact,
        SolutionProfileStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public static final String REGISTERED = "SolutionProfileRegistered";
    public static final String UPDATED = "SolutionProfileUpdated";
    public static final String WITHDRAWN = "SolutionProfileWithdrawn";
}
