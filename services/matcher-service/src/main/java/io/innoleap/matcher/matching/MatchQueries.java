package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.MatchFeedbackSnapshot.Side;
import io.innoleap.contracts.events.MatchFeedbackSnapshot.Verdict;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.matcher.store.FeedbackRow;
import io.innoleap.matcher.store.MatchRow;
import io.innoleap.matcher.store.StoredSnapshot;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Role;
import io.innoleap.matcher.store.Repositories.FeedbackRows;
import io.innoleap.matcher.store.Repositories.MatchRows;
import io.innoleap.matcher.store.Repositories.ProblemStatementRows;
import io.innoleap.matcher.store.Repositories.SolutionProfileRows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads of the current matches. Empty optional: the id was never seen on its topic. */
@Singleton
public class MatchQueries {

    private final SnapshotJson json;
    private final MatchRows matches;
    private final ProblemStatementRows problems;
    private final SolutionProfileRows profiles;
    private final FeedbackRows feedback;

    public MatchQueries(MatchRows matches, ProblemStatementRows problems, SolutionProfileRows profiles,
                        FeedbackRows feedback, SnapshotJson json) {
        this.json = json;
        this.feedback = feedback;
        this.matches = matches;
        this.problems = problems;
        this.profiles = profiles;
    }

    /**
     * A problem's active matches, best (rank 1) first, for its agency, coordinators and the
     * programme office (ownership from the snapshot the matcher keeps); anyone else gets a 403.
     */
    @Transactional(readOnly = true)
    public Optional<List<MatchRow>> forProblemStatement(Caller caller, UUID id, int limit) {
        Optional<StoredSnapshot.ProblemStatementRow> row = problems.findById(id);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String agency = json.read(row.get().snapshot(), ProblemStatementSnapshot.class).agency().code();
        if (!caller.has(Role.COORDINATOR) && !caller.actsFor(agency)) {
            throw Caller.forbidden("The matches of problem statement " + id + " are for agency " + agency
                    + ", coordinators and the programme office");
        }
        return Optional.of(MatchDiff.numbered(matches.findActiveForProblem(id.toString(), limit)));
    }

    /** A profile's active matches, highest score first, for its provider, coordinators and the programme office. */
    @Transactional(readOnly = true)
    public Optional<List<MatchRow>> forSolutionProfile(Caller caller, UUID id, int limit) {
        Optional<StoredSnapshot.SolutionProfileRow> row = profiles.findById(id);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String uen = json.read(row.get().snapshot(), SolutionProfileSnapshot.class).organisation().uen();
        if (!caller.has(Role.COORDINATOR) && !caller.isOffice() && (uen == null || !caller.actsForUen(uen))) {
            throw Caller.forbidden("The matches of solution profile " + id + " are for its provider, coordinators "
                    + "and the programme office");
        }
        return Optional.of(withPositions(matches.findActiveForProfile(id.toString(), limit)));
    }

    /** Both sides' latest verdicts on a pair; null where a side gave none. */
    public record Verdicts(Verdict agency, Verdict provider) {
    }

    /** The latest verdicts on these pairs, by pair (pairs without any are left out). */
    @Transactional(readOnly = true)
    public Map<MatchRow.PairKey, Verdicts> verdicts(List<MatchRow> pairs) {
        Map<MatchRow.PairKey, Verdicts> out = new HashMap<>();
        if (pairs.isEmpty()) {
            return out;
        }
        Set<MatchRow.PairKey> wanted = new HashSet<>();
        Set<UUID> problemIds = new HashSet<>();
        pairs.forEach(p -> {
            wanted.add(p.id());
            problemIds.add(p.problemStatementId());
        });
        Map<MatchRow.PairKey, FeedbackRow[]> latest = new HashMap<>(); // [agency, provider]
        for (FeedbackRow f : feedback.findByProblemStatementIdIn(problemIds)) {
            MatchRow.PairKey key = new MatchRow.PairKey(f.problemStatementId(), f.solutionProfileId());
            if (wanted.contains(key)) {
                FeedbackRow[] sides = latest.computeIfAbsent(key, k -> new FeedbackRow[2]);
                int i = f.side() == Side.AGENCY ? 0 : 1;
                if (sides[i] == null || sides[i].version() < f.version()) {
                    sides[i] = f;
                }
            }
        }
        latest.forEach((key, sides) -> out.put(key, new Verdicts(sides[0] == null ? null : sides[0].verdict(),
                sides[1] == null ? null : sides[1].verdict())));
        return out;
    }

    /** Every active pair, each list in its published order and numbered (tests compare states). */
    @Transactional(readOnly = true)
    public List<MatchRow> allActive() {
        return numberedByProblem(matches.findAllActive());
    }

    /** A profile's pairs, each with its position in its problem's list (what "rank" means in the API). */
    private List<MatchRow> withPositions(List<MatchRow> pairs) {
        if (pairs.isEmpty()) {
            return pairs;
        }
        Map<MatchRow.PairKey, Integer> position = new HashMap<>();
        numberedByProblem(matches.findActiveForProblems(pairs.stream().map(p -> p.problemStatementId().toString()).toList()))
                .forEach(r -> position.put(r.id(), r.rank()));
        return pairs.stream().map(r -> new MatchRow(r.id(), r.score(), position.getOrDefault(r.id(), r.rank()), r.sharedThemes(),
                r.matchedTerms(), r.active(), r.version(), r.computedAt())).toList();
    }

    private static List<MatchRow> numberedByProblem(List<MatchRow> rows) {
        Map<UUID, List<MatchRow>> byProblem = new LinkedHashMap<>();
        rows.forEach(r -> byProblem.computeIfAbsent(r.problemStatementId(), k -> new ArrayList<>()).add(r));
        List<MatchRow> out = new ArrayList<>(rows.size());
        byProblem.values().forEach(list -> out.addAll(MatchDiff.numbered(list)));
        return out;
    }
}
