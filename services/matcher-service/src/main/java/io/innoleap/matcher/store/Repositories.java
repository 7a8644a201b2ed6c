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

        List<StoredSnapshot.ProblemStatementRow> findByIdIn(Collection<UUID> ids);

        /** Every stored id with its version (what the rebuilt engine has seen). */
        @Query("SELECT id, version FROM problem_statement")
        List<StoredSnapshot.IdVersion> findVersions();

        /** Every stored id with the time its stored version arrived. */
        @Query("SELECT id, received_at FROM problem_statement")
        List<StoredSnapshot.IdReceived> findReceived();
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface SolutionProfileRows extends CrudRepository<StoredSnapshot.SolutionProfileRow, UUID> {
        @Query("SELECT id, snapshot, embedding_key, vector FROM solution_profile "
                + "WHERE status = :status AND id > :after ORDER BY id LIMIT :limit")
        List<StoredSnapshot.WithVector> findPage(String status, String after, int limit);

        List<StoredSnapshot.SolutionProfileRow> findByIdIn(Collection<UUID> ids);

        @Query("SELECT id, version FROM solution_profile")
        List<StoredSnapshot.IdVersion> findVersions();

        @Query("SELECT id, received_at FROM solution_profile")
        List<StoredSnapshot.IdReceived> findReceived();
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
                + "ORDER BY score DESC, match_rank, solution_profile_id LIMIT :limit")
        List<MatchRow> findActiveForProblem(String problemId, int limit);

        /** The active pairs of these problems (to number a profile's pairs within their problems' lists). */
        @Query("SELECT * FROM match_pair WHERE problem_statement_id IN (:problemIds) AND active = TRUE")
        List<MatchRow> findActiveForProblems(Collection<String> problemIds);

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
    public interface FeedbackRows extends CrudRepository<FeedbackRow, UUID> {

        /** Every verdict on pairs of these problems (the latest per pair and side counts). */
        List<FeedbackRow> findByProblemStatementIdIn(Collection<UUID> problemStatementIds);

        /** The pair and side's latest version, -1 when it has none. */
        @Query("SELECT COALESCE(MAX(version), -1) FROM match_feedback WHERE problem_statement_id = :problemId "
                + "AND solution_profile_id = :profileId AND feedback_side = :side")
        long latestVersion(String problemId, String profileId, String side);

        /** Pairs whose agency's latest verdict is NOT_RELEVANT, given on the texts stored now: kept off the lists. */
        @Query("SELECT f.* FROM match_feedback f "
                + "JOIN problem_statement p ON p.id = f.problem_statement_id AND p.embedding_key = f.problem_text_key "
                + "JOIN solution_profile s ON s.id = f.solution_profile_id AND s.embedding_key = f.profile_text_key "
                + "WHERE f.feedback_side = 'AGENCY' AND f.verdict = 'NOT_RELEVANT' AND f.version = "
                + "(SELECT MAX(g.version) FROM match_feedback g WHERE g.problem_statement_id = f.problem_statement_id "
                + "AND g.solution_profile_id = f.solution_profile_id AND g.feedback_side = 'AGENCY')")
        List<FeedbackRow> findStandingExclusions();

        /** Each pair's latest agency verdict (what the ranking learns from). */
        @Query("SELECT f.* FROM match_feedback f WHERE f.feedback_side = 'AGENCY' AND f.version = "
                + "(SELECT MAX(g.version) FROM match_feedback g WHERE g.problem_statement_id = f.problem_statement_id "
                + "AND g.solution_profile_id = f.solution_profile_id AND g.feedback_side = 'AGENCY')")
        List<FeedbackRow> findLatestAgencyVerdicts();
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface MatcherStateRows extends CrudRepository<MatcherStateRow, String> {
    }
}
