package io.innoleap.scheduler.sharingdays;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.UUID;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface SharingDayRepository extends CrudRepository<SharingDayEntity, UUID> {

    /** In date order; {@code themeSlug} applies only when given. */
    @Query(value = "SELECT * FROM sharing_day WHERE (:theme IS NULL OR theme = :theme) ORDER BY starts_at, id",
            countQuery = "SELECT COUNT(*) FROM sharing_day WHERE (:theme IS NULL OR theme = :theme)")
    Page<SharingDayEntity> list(@io.micronaut.core.annotation.Nullable String theme, Pageable pageable);
}
