package io.innoleap.solutions.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface SolutionProfileRepository extends CrudRepository<SolutionProfileEntity, UUID> {

    /** Newest first; each filter applies only when given. {@code themePattern} comes from StringListConverter. */
    @Query(value = """
            SELECT * FROM solution_profile
            WHERE (:themePattern IS NULL OR themes LIKE :themePattern)
              AND (:organisationType IS NULL OR organisation_type = :organisationType)
              AND (:status IS NULL OR status = :status)
            ORDER BY created_at DESC, id""",
            countQuery = """
            SELECT COUNT(*) FROM solution_profile
            WHERE (:themePattern IS NULL OR themes LIKE :themePattern)
              AND (:organisationType IS NULL OR organisation_type = :organisationType)
              AND (:status IS NULL OR status = :status)""")
    Page<SolutionProfileEntity> search(@Nullable String themePattern, @Nullable String organisationType,
                                       @Nullable String status, Pageable pageable);

    /** Locks the row for the rest of the transaction, so read-check-write updates serialise. */
    Optional<SolutionProfileEntity> findByIdForUpdate(UUID id);
}
