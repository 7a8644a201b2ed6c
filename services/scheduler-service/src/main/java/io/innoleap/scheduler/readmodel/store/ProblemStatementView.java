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

/**
 * What the scheduler knows of a problem statement (latest snapshot seen). {@code postedAt} is the
 * snapshot's createdAt (V27; null on rows stored before it until the statement's snapshot comes again).
 */
@MappedEntity("rm_problem_statement")
public record ProblemStatementView(
        @Id @TypeDef(type = DataType.STRING) UUID id,
        String agencyCode,
        String agencyName,
        String agencyDomain,
        String title,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> themes,
        String horizon,
        String contactName,
        String contactEmail,
        String status,
        long version,
        Instant updatedAt,
        @Nullable Instant postedAt) {

    public ProblemStatementView withPostedAt(Instant posted) {
        return new ProblemStatementView(id, agencyCode, agencyName, agencyDomain, title, themes, horizon, contactName,
                contactEmail, status, version, updatedAt, posted);
    }

    public boolean isOpen() {
        return "OPEN".equals(status);
    }
}
