package io.innoleap.matcher.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The matcher's repositories. */
public final class Repositories {

    private Repositories() {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface ProblemStatementRows extends CrudRepository<StoredSnapshot.ProblemStatementRow, UUID> {
        /** Keyset paging for the rebuild: ids after {@code after}, in id order. */
        @Query("SELECT id, snapshot, embedding_key, vector FROM problem_statement "
                + "WHERE status = :status AND id > :after ORDER BY id LIMIT :limit")
        List<StoredSnapshot.WithVector> findPage(String status, String after, int limit);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface SolutionProfileRows extends CrudRepository<StoredSnapshot.SolutionProfileRow, UUID> {
        @Query("SELECT id, snapshot, embedding_key, vector FROM solution_profile "
                + "WHERE status = :status AND id > :after ORDER BY id LIMIT :limit")
        List<StoredSnapshot.WithVector> findPage(String status, String after, int limit);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface EmbeddingRows extends CrudRepository<EmbeddingRow, String> {
        List<EmbeddingRow> findByCacheKeyIn(Collection<String> cacheKeys);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface MatchRows extends CrudRepository<MatchRow, MatchRow.PairKey> {

        /** Every pair ever stored for these problems, active or retracted (versions continue). */
        @Query("SELECT * FROM match_pair WHERE problem_statement_id IN (:problemIds)")
        List<MatchRow> findAllForProblems(Collection<String> problemIds);

        @Query("SELECT * FROM match_pair WHERE problem_statement_id = :problemId AND active = TRUE "
                + "ORDER BY match_rank, solution_profile_id LIMIT :limit")
        List<MatchRow> findActiveForProblem(String problemId, int limit);

        @Query("SELECT * FROM match_pair WHERE solution_profile_id = :profileId AND active = TRUE "
                + "ORDER BY score DESC, problem_statement_id LIMIT :limit")
        List<MatchRow> findActiveForProfile(String profileId, int limit);

        /** Active pairs of these profiles: the problems whose lists they are on. */
        @Query("SELECT * FROM match_pair WHERE solution_profile_id IN (:profileIds) AND active = TRUE")
        List<MatchRow> findActiveForProfiles(Collection<String> profileIds);

        @Query("SELECT * FROM match_pair WHERE active = TRUE ORDER BY problem_statement_id, match_rank")
        List<MatchRow> findAllActive();

        @Query("SELECT DISTINCT problem_statement_id FROM match_pair WHERE active = TRUE")
        List<String> findProblemsWithActiveMatches();
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface MatcherStateRows extends CrudRepository<MatcherStateRow, String> {
    }
}
