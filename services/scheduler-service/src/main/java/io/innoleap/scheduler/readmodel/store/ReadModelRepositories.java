package io.innoleap.scheduler.readmodel.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Repositories of the read model. */
public final class ReadModelRepositories {
    private ReadModelRepositories() {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface ProblemStatementViews extends CrudRepository<ProblemStatementView, UUID> {
        @Query("SELECT * FROM rm_problem_statement WHERE status = 'OPEN' ORDER BY updated_at, id")
        List<ProblemStatementView> findOpen();

        /** Statements posted (snapshot createdAt) in {@code [from, to)}. */
        @Query("SELECT * FROM rm_problem_statement WHERE posted_at >= :from AND posted_at < :to ORDER BY posted_at, id")
        List<ProblemStatementView> findPostedBetween(Instant from, Instant to);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface SolutionProfileViews extends CrudRepository<SolutionProfileView, UUID> {
        List<SolutionProfileView> findByIdIn(Collection<UUID> ids);
    }

    /**
     * Active lists come in the order the matcher publishes: score (highest first), then the rank the pair
     * was last published with (a pair only pushed along by another is not republished).
     */
    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface MatchViews extends CrudRepository<MatchView, MatchView.MatchKey> {
        @Query("SELECT * FROM rm_match WHERE problem_statement_id = :problemStatementId AND active = TRUE "
                + "ORDER BY score DESC, match_rank, solution_profile_id")
        List<MatchView> findActiveForProblem(String problemStatementId);

        @Query("SELECT * FROM rm_match WHERE problem_statement_id IN (:problemStatementIds) AND active = TRUE "
                + "ORDER BY score DESC, match_rank, solution_profile_id")
        List<MatchView> findActiveForProblems(Collection<String> problemStatementIds);

        /** Every pair the matcher ever proposed for these statements, retracted ones included. */
        @Query("SELECT * FROM rm_match WHERE problem_statement_id IN (:problemStatementIds)")
        List<MatchView> findAllForProblems(Collection<String> problemStatementIds);
    }
}
