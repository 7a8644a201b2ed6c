package io.innoleap.problems.store;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.servicekit.store.StringListConverter;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@MappedEntity("problem_statement")
public record ProblemStatementEntity(
        @Id @TypeDef(type = DataType.STRING) UUID id,
        String agencyCode,
        String agencyName,
        String agencyDomain,
        String title,
        String description,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> themes,
        Horizon horizon,
        String contactName,
        String contactEmail,
        ProblemStatementStatus status,
        @Version long version,
        Instant createdAt,
        Instant updatedAt) {
}
