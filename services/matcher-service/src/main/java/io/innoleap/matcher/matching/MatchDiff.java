package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.store.MatchRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 *   <li>a pair that stays is updated when its score moved by at least the {@link PublishRule}'s
 *       step, when its own problem or profile changed and so did its explanation (shared themes,
 *       matched terms; explanation drift from other documents' BM25 statistics is not news), or
 *       when it changed places with another pair in a way its published score and rank no longer
 *       show.</li>
 * </ul>
 * <b>Order.</b> A list's order as published is by score (highest first), then rank (lowest first).
 * A pair that only shifted because another pair entered, left or moved past it keeps its
 * published rank: its order relative to every other pair is unchanged, and the published keys
 * still sort the list as the engine ranks it. What is published is the least set of updates for
 * which that holds (each updated pair takes its current position as its rank), so when one pair
 * drops from 3rd to 8th the pair alone is news, not the five it passes. The REST lists number
 * positions from that order; an event's {@code rank} is the pair's position when it was last
 * published.
 * <p>Anything else produces nothing, and the stored row keeps what was last published. Each change
 * bumps the pair's version by one and says why ({@link Reason}).
 */
public final class MatchDiff {

    private MatchDiff() {
    }

    /** Why a pair is news (a tag on the matcher's event counter). */
    public enum Reason {
        /** entered the list: a new pair, or a retracted one back */
        ENTERED,
        /** its score moved at least a step from the published one */
        SCORE,
        /** its own side changed and so did its shared themes or matched terms */
        EXPLANATION,
        /** its published score and rank no longer sort it where the engine ranks it */
        ORDER,
        /** left the list */
        LEFT;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A row to write, whether it is new, the version it replaces (-1 for a new row), the event it publishes and why. */
    public record Change(MatchRow row, boolean insert, long previousVersion, String eventType, Reason reason) {

        public MatchSnapshot snapshot() {
            return new MatchSnapshot(row.problemStatementId(), row.solutionProfileId(), row.score(), row.rank(),
                    row.sharedThemes(), row.matchedTerms(), row.active(), row.version(), row.computedAt());
        }
    }

    /** The order of a published list: higher score first, then lower rank, then profile id. */
    public static final Comparator<MatchRow> PUBLISHED_ORDER = Comparator.comparingDouble(MatchRow::score).reversed()
            .thenComparingInt(MatchRow::rank).thenComparing(MatchRow::solutionProfileId);

    /**
     * @param problemId   the problem whose list is recomputed
     * @param ranked      its new top-K, best first (empty when the problem is closed or unknown)
     * @param stored      every stored pair of the problem by profile id, active or retracted
     * @param sideChanged given a stored pair, whether a side of it (the problem or the profile) changed
     *                    since that row was written, so a new explanation is news
     */
    public static List<Change> diff(UUID problemId, List<Match> ranked, Map<UUID, MatchRow> stored, Instant now,
                                    PublishRule rule, Predicate<MatchRow> sideChanged) {
        int n = ranked.size();
        MatchRow[] published = new MatchRow[n]; // the row consumers hold, if the pair is on the list now
        Reason[] reason = new Reason[n];
        for (int i = 0; i < n; i++) {
            Match m = ranked.get(i);
            MatchRow old = stored.get(m.profileId());
            if (old == null || !old.active()) {
                reason[i] = Reason.ENTERED;
            } else {
                published[i] = old;
                if (rule.moved(m.score(), old.score())) {
                    reason[i] = Reason.SCORE;
                } else if (sideChanged.test(old) && (!old.sharedThemes().equals(m.sharedThemes())
                        || !old.matchedTerms().equals(m.matchedTerms()))) {
                    reason[i] = Reason.EXPLANATION;
                }
            }
        }
        // Keys as consumers will hold them: the published one where the pair is quiet, (rounded score,
        // position) where it is news. Where two neighbours are out of order, the quiet one of them
        // becomes news; a list of updated pairs only is always in order, so this ends.
        MatchRow[] key = new MatchRow[n];
        for (int i = 0; i < n; i++) {
            key[i] = reason[i] == null ? published[i] : fresh(problemId, ranked.get(i), i + 1, rule, now);
        }
        boolean again = true;
        while (again) {
            again = false;
            for (int i = 1; i < n; i++) {
                if (before(key[i - 1], key[i])) {
                    continue;
                }
                int j;
                if (reason[i] == null) {
                    j = i;
                } else if (reason[i - 1] == null) {
                    j = i - 1;
                } else {
                    continue; // both news: in order unless the ranking itself is not by score (never), nothing to do
                }
                reason[j] = Reason.ORDER;
                key[j] = fresh(problemId, ranked.get(j), j + 1, rule, now);
                again = true;
            }
        }

        List<Change> changes = new ArrayList<>();
        Set<UUID> kept = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Match m = ranked.get(i);
            kept.add(m.profileId());
            if (reason[i] == null) {
                continue;
            }
            MatchRow old = stored.get(m.profileId());
            if (old == null) {
                changes.add(new Change(key[i], true, -1, MatchSnapshot.PROPOSED, Reason.ENTERED));
            } else {
                MatchRow row = new MatchRow(old.id(), key[i].score(), key[i].rank(), m.sharedThemes(), m.matchedTerms(), true,
                        old.version() + 1, now);
                changes.add(new Change(row, false, old.version(), old.active() ? MatchSnapshot.UPDATED : MatchSnapshot.PROPOSED,
                        reason[i]));
            }
        }
        stored.values().stream()
                .filter(old -> old.active() && !kept.contains(old.solutionProfileId()))
                .sorted(PUBLISHED_ORDER)
                .forEach(old -> changes.add(new Change(new MatchRow(old.id(), old.score(), old.rank(),
                        old.sharedThemes(), old.matchedTerms(), false, old.version() + 1, now), false, old.version(),
                        MatchSnapshot.RETRACTED, Reason.LEFT)));
        return changes;
    }

    /** Strictly before in the published order by score and rank alone (a tie on both is out of order). */
    private static boolean before(MatchRow a, MatchRow b) {
        return a.score() > b.score() || (a.score() == b.score() && a.rank() < b.rank());
    }

    private static MatchRow fresh(UUID problemId, Match m, int rank, PublishRule rule, Instant now) {
        return new MatchRow(new MatchRow.PairKey(problemId, m.profileId()), rule.round(m.score()), rank, m.sharedThemes(),
                m.matchedTerms(), true, 0, now);
    }

    /** A list as consumers order it, each row's rank replaced by its position (1 = best). */
    public static List<MatchRow> numbered(List<MatchRow> rows) {
        List<MatchRow> sorted = new ArrayList<>(rows);
        sorted.sort(PUBLISHED_ORDER);
        List<MatchRow> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            MatchRow r = sorted.get(i);
            out.add(new MatchRow(r.id(), r.score(), i + 1, r.sharedThemes(), r.matchedTerms(), r.active(), r.version(),
                    r.computedAt()));
        }
        return out;
    }
}
