package io.innoleap.matcher.matching;

import io.innoleap.matcher.store.MatchRow;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The active pairs as last committed, in memory: per problem its listed profiles with their
 * published scores, and per profile the problems it is listed on. The rechecks read it instead of
 * querying the match table for every change. It is loaded at start-up and changed only after a
 * commit succeeded, with exactly the rows that commit wrote, so it always equals the table.
 * Guarded by the {@link WriterLock}.
 */
@Singleton
class PublishedLists {

    private final Map<UUID, Map<UUID, Double>> byProblem = new HashMap<>();
    private final Map<UUID, Set<UUID>> byProfile = new HashMap<>();

    void clear() {
        byProblem.clear();
        byProfile.clear();
    }

    /** Takes committed rows in: active ones are (re)listed, retracted ones removed. */
    void apply(Collection<MatchRow> rows) {
        for (MatchRow r : rows) {
            UUID problem = r.problemStatementId();
            UUID profile = r.solutionProfileId();
            if (r.active()) {
                byProblem.computeIfAbsent(problem, k -> new HashMap<>()).put(profile, r.score());
                byProfile.computeIfAbsent(profile, k -> new HashSet<>()).add(problem);
            } else {
                Map<UUID, Double> list = byProblem.get(problem);
                if (list != null && list.remove(profile) != null && list.isEmpty()) {
                    byProblem.remove(problem);
                }
                Set<UUID> on = byProfile.get(profile);
                if (on != null && on.remove(problem) && on.isEmpty()) {
                    byProfile.remove(profile);
                }
            }
        }
    }

    /** The problems whose lists this profile is on. */
    Set<UUID> listedOn(UUID profileId) {
        return byProfile.getOrDefault(profileId, Set.of());
    }

    int size(UUID problemId) {
        Map<UUID, Double> list = byProblem.get(problemId);
        return list == null ? 0 : list.size();
    }

    /** The lowest published score on the problem's list (0 when it is empty). */
    double weakest(UUID problemId) {
        Map<UUID, Double> list = byProblem.get(problemId);
        if (list == null) {
            return 0;
        }
        double min = Double.MAX_VALUE;
        for (double s : list.values()) {
            min = Math.min(min, s);
        }
        return min;
    }

    /** Every listed pair (tests compare the mirror with the table). */
    Map<UUID, Map<UUID, Double>> snapshot() {
        Map<UUID, Map<UUID, Double>> out = new HashMap<>();
        byProblem.forEach((k, v) -> out.put(k, Map.copyOf(v)));
        return out;
    }
}
