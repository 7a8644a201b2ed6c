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

/**
 * Compares a problem's stored pairs with its freshly ranked top-K and says what changed: a new
 * pair is proposed, a pair whose score, rank or explanation moved is updated, a pair that left
 * the list is retracted. Unchanged pairs produce nothing (and keep their {@code computedAt}).
 * Each change bumps the pair's version by one.
 */
public final class MatchDiff {

    /** Scores are stored and published with 4 decimals: finer moves are noise, not news. */
    static final double SCORE_SCALE = 10_000;

    private MatchDiff() {
    }

    /** A row to write, whether it is new, and the event it publishes. */
    public record Change(MatchRow row, boolean insert, String eventType) {

        public MatchSnapshot snapshot() {
            return new MatchSnapshot(row.problemStatementId(), row.solutionProfileId(), row.score(), row.rank(),
                    row.sharedThemes(), row.matchedTerms(), row.active(), row.version(), row.computedAt());
        }
    }

    public static double roundScore(double score) {
        return Math.round(score * SCORE_SCALE) / SCORE_SCALE;
    }

    /**
     * @param problemId the problem whose list is recomputed
     * @param ranked    its new top-K, best first (empty when the problem is closed or unknown)
     * @param stored    every stored pair of the problem by profile id, active or retracted
     */
    public static List<Change> diff(UUID problemId, List<Match> ranked, Map<UUID, MatchRow> stored, Instant now) {
        List<Change> changes = new ArrayList<>();
        Set<UUID> kept = new HashSet<>();
        int rank = 0;
        for (Match m : ranked) {
            rank++;
            kept.add(m.profileId());
            double score = roundScore(m.score());
            MatchRow old = stored.get(m.profileId());
            if (old == null) {
                changes.add(new Change(new MatchRow(new MatchRow.PairKey(problemId, m.profileId()), score, rank,
                        m.sharedThemes(), m.matchedTerms(), true, 0, now), true, MatchSnapshot.PROPOSED));
            } else if (!old.active()) {
                changes.add(new Change(new MatchRow(old.id(), score, rank, m.sharedThemes(), m.matchedTerms(), true,
                        old.version() + 1, now), false, MatchSnapshot.PROPOSED));
            } else if (old.score() != score || old.rank() != rank || !old.sharedThemes().equals(m.sharedThemes())
                    || !old.matchedTerms().equals(m.matchedTerms())) {
                changes.add(new Change(new MatchRow(old.id(), score, rank, m.sharedThemes(), m.matchedTerms(), true,
                        old.version() + 1, now), false, MatchSnapshot.UPDATED));
            }
        }
        stored.values().stream()
                .filter(old -> old.active() && !kept.contains(old.solutionProfileId()))
                .sorted((a, b) -> Integer.compare(a.rank(), b.rank()))
                .forEach(old -> changes.add(new Change(new MatchRow(old.id(), old.score(), old.rank(),
                        old.sharedThemes(), old.matchedTerms(), false, old.version() + 1, now), false,
                        MatchSnapshot.RETRACTED)));
        return changes;
    }
}
