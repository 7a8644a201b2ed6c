package io.innoleap.matcher.matching;

import io.innoleap.matcher.store.MatchRow;
import io.innoleap.matcher.store.Repositories.MatchRows;
import io.innoleap.matcher.store.Repositories.ProblemStatementRows;
import io.innoleap.matcher.store.Repositories.SolutionProfileRows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of the current matches. Empty optional: the id was never seen on its topic. */
@Singleton
public class MatchQueries {

    private final MatchRows matches;
    private final ProblemStatementRows problems;
    private final SolutionProfileRows profiles;

    public MatchQueries(MatchRows matches, ProblemStatementRows problems, SolutionProfileRows profiles) {
        this.matches = matches;
        this.problems = problems;
        this.profiles = profiles;
    }

    /** A problem's active matches, best (rank 1) first. */
    @Transactional(readOnly = true)
    public Optional<List<MatchRow>> forProblemStatement(UUID id, int limit) {
        if (!problems.existsById(id)) {
            return Optional.empty();
        }
        return Optional.of(matches.findActiveForProblem(id.toString(), limit));
    }

    /** A profile's active matches, highest score first. */
    @Transactional(readOnly = true)
    public Optional<List<MatchRow>> forSolutionProfile(UUID id, int limit) {
        if (!profiles.existsById(id)) {
            return Optional.empty();
        }
        return Optional.of(matches.findActiveForProfile(id.toString(), limit));
    }

    /** Every active pair (tests compare the state before and after a restart). */
    @Transactional(readOnly = true)
    public List<MatchRow> allActive() {
        return matches.findAllActive();
    }
}
