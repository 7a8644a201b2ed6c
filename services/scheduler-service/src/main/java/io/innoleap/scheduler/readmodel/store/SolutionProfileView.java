package io.innoleap.scheduler.readmodel.store;

import io.innoleap.servicekit.store.StringListConverter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the scheduler knows of a solution profile (latest snapshot seen). */
@MappedEntity("rm_solution_profile")
public record SolutionProfileView(
        @Id @TypeDef(type = DataType.STRING) UUID id,
        String organisationName,
        String organisationType,
        String solutionName,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> themes,
        @Nullable Integer readinessLevel,
        String contactName,
        String contactEmail,
        String status,
        long version,
        Instant updatedAt) {

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
