package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.store.MatchRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Compares a problem's stored pairs (what was last published) with its freshly ranked top-K and
 * says what to publish:
 * <ul>
 *   <li>a pair that enters the list is proposed (a new row, or a retracted one that comes back);</li>
 *   <li>a pair that leaves it is retracted;</li>
 *   <li>a pair that stays is updated only when its rank changed, its score moved by at least the
 *       {@link PublishRule}'s step, or, when its own problem or profile changed, its explanation
 *       (shared themes, matched terms) changed. Explanation drift from other documents (BM25
 *       statistics) is not news.</li>
 * </ul>
 * Anything else produces nothing, and the stored row keeps what was last published. Each change
 * bumps the pair's version by one.
 */
public final class MatchDiff {

    private MatchDiff() {
    }

    /** A row to write, whether it is new, the version it replaces (-1 for a new row) and the event it publishes. */
    public record Change(MatchRow row, boolean insert, long previousVersion, String eventType) {

        public MatchSnapshot snapshot() {
            return new MatchSnapshot(row.problemStatementId(), row.solutionProfileId(), row.score(), row.rank(),
                    row.sharedThemes(), row.matchedTerms(), row.active(), row.version(), row.computedAt());
        }
    }

    /**
     * @param problemId   the problem whose list is recomputed
     * @param ranked      its new top-K, best first (empty when the problem is closed or unknown)
     * @param stored      every stored pair of the problem by profile id, active or retracted
     * @param sideChanged given a stored pair, whether a side of it (the problem or the profile) changed
     *                    since that row was written, so a new explanation is news
     */
    public static List<Change> diff(UUID problemId, List<Match> ranked, Map<UUID, MatchRow> stored, Instant now,
                                    PublishRule rule, Predicate<MatchRow> sideChanged) {
        List<Change> changes = new ArrayList<>();
        Set<UUID> kept = new HashSet<>();
        int rank = 0;
        for (Match m : ranked) {
            rank++;
            kept.add(m.profileId());
            double score = rule.round(m.score());
            MatchRow old = stored.get(m.profileId());
            if (old == null) {
                changes.add(new Change(new MatchRow(new MatchRow.PairKey(problemId, m.profileId()), score, rank,
                        m.sharedThemes(), m.matchedTerms(), true, 0, now), true, -1, MatchSnapshot.PROPOSED));
            } else if (!old.active()) {
                changes.add(new Change(new MatchRow(old.id(), score, rank, m.sharedThemes(), m.matchedTerms(), true,
                        old.version() + 1, now), false, old.version(), MatchSnapshot.PROPOSED));
            } else if (old.rank() != rank || rule.moved(m.score(), old.score())
                    || (sideChanged.test(old) && (!old.sharedThemes().equals(m.sharedThemes())
                    || !old.matchedTerms().equals(m.matchedTerms())))) {
                changes.add(new Change(new MatchRow(old.id(), score, rank, m.sharedThemes(), m.matchedTerms(), true,
                        old.version() + 1, now), false, old.version(), MatchSnapshot.UPDATED));
            }
        }
        stored.values().stream()
                .filter(old -> old.active() && !kept.contains(old.solutionProfileId()))
                .sorted((a, b) -> Integer.compare(a.rank(), b.rank()))
                .forEach(old -> changes.add(new Change(new MatchRow(old.id(), old.score(), old.rank(),
                        old.sharedThemes(), old.matchedTerms(), false, old.version() + 1, now), false, old.version(),
                        MatchSnapshot.RETRACTED)));
        return changes;
    }
}
