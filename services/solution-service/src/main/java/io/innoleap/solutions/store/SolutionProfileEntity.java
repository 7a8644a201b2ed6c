package io.innoleap.solutions.store;

import io.innoleap.contracts.events.OrganisationType;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.servicekit.store.StringListConverter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@MappedEntity("solution_profile")
public record SolutionProfileEntity(
        @Id @TypeDef(type = DataType.STRING) UUID id,
        String organisationName,
        OrganisationType organisationType,
        @Nullable String organisationUen,
        String solutionName,
        String summary,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> themes,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> keywords,
        @Nullable Integer readinessLevel,
        String contactName,
        String contactEmail,
        SolutionProfileStatus status,
        @Version long version,
        Instant createdAt,
        Instant updatedAt) {

    /** The same profile with another status and update time (version is bumped by the update). */
    public SolutionProfileEntity withStatus(SolutionProfileStatus newStatus, Instant at) {
        return new SolutionProfileEntity(id, organisationName, organisationType, organisationUen, solutionName, summary,
                themes, keywords, readinessLevel, contactName, contactEmail, newStatus, version, createdAt, at);
    }
}
