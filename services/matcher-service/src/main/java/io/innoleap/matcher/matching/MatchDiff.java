package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.store.MatchRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *       when the list as published would no longer be in order (below).</li>
 * </ul>
 * <b>Order.</b> Consumers read a list by score (highest first), then rank (lowest first), then
 * profile id. Read that way it always holds the engine's top K; every pair that is news is read
 * exactly where the engine ranks it, against every other pair; and two quiet pairs may keep the
 * order they were published in while the engine scores them less than a step apart (scores are
 * published to the step; at that resolution they are equal), never once they are a step apart.
 * So a pair that only shifted because another entered, left or moved past it keeps its published
 * rank (when one pair drops from 3rd to 8th the pair alone is news, not the five it passes), and
 * two unchanged pairs whose scores cross by less than a step, as hubness nudges them, are not
 * news. What is published is a small set of updates for which that holds; each updated pair takes
 * its position in the list as read as its rank. The REST lists number positions in that order; an
 * event's {@code rank} is the pair's position when it was last published.
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
        /** without a new score and rank, the list as read would be out of order (see Order) */
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

    /**
     * The order of a published list: higher score first, then lower rank, then profile id as text (as a
     * database or any consumer sorts it).
     */
    public static final Comparator<MatchRow> PUBLISHED_ORDER = Comparator.comparingDouble(MatchRow::score).reversed()
            .thenComparingInt(MatchRow::rank).thenComparing(r -> r.solutionProfileId().toString());

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
        // The list as it will be read: news pairs in their engine positions, quiet pairs in the other
        // positions in the order their published keys give. Where that breaks a rule below, one quiet
        // pair more becomes news and the list is laid out again; a list of news pairs only is the
        // engine's order, so this ends.
        MatchRow[] key = new MatchRow[n];
        int[] read = new int[n]; // position -> engine index
        while (true) {
            List<Integer> quiet = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                key[i] = reason[i] == null ? published[i] : fresh(problemId, ranked.get(i), i + 1, rule, now);
                if (reason[i] == null) {
                    quiet.add(i);
                }
            }
            quiet.sort((x, y) -> PUBLISHED_ORDER.compare(key[x], key[y]));
            for (int pos = 0, q = 0; pos < n; pos++) {
                read[pos] = reason[pos] != null ? pos : quiet.get(q++);
            }
            int late = -1;
            for (int pos = 0; pos < n && late < 0; pos++) {
                int x = read[pos];
                // as consumers sort it: the keys must give this order...
                if (pos > 0 && PUBLISHED_ORDER.compare(key[read[pos - 1]], key[x]) > 0) {
                    late = reason[x] == null ? x : reason[read[pos - 1]] == null ? read[pos - 1] : -1;
                }
                for (int later = pos + 1; later < n && late < 0; later++) {
                    int y = read[later];
                    if (x < y) {
                        continue; // the engine ranks them in this order too
                    }
                    // ...a news pair is read where the engine ranks it, against every other pair, and two
                    // quiet pairs keep their published order only while less than a step apart
                    if (reason[x] != null || reason[y] != null
                            || ranked.get(y).score() - ranked.get(x).score() >= rule.step() - 1e-9) {
                        late = reason[x] == null ? x : reason[y] == null ? y : -1;
                    }
                }
            }
            if (late < 0) {
                break;
            }
            reason[late] = Reason.ORDER;
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

    private static MatchRow fresh(UUID problemId, Match m, int rank, PublishRule rule, Instant now) {
        return new MatchRow(new MatchRow.PairKey(problemId, m.profileId()), rule.round(m.score()), rank, m.sharedThemes(),
                m.matchedTerms(), true, 0, now);
    }

    /**
     * Whether a list as read (profile ids in published order) is the engine's ranking to the step:
     * the same pairs, and none read above one that the engine scores at least a step higher (pairs
     * published in this change are, moreover, read exactly where the engine ranks them).
     *
     * @return what is wrong, or empty when it agrees
     */
    public static Optional<String> disagreement(List<UUID> read, List<Match> ranked, PublishRule rule) {
        Map<UUID, Double> exact = new HashMap<>();
        ranked.forEach(m -> exact.put(m.profileId(), m.score()));
        if (read.size() != ranked.size() || !exact.keySet().containsAll(read)) {
            return Optional.of("holds " + read + ", the engine ranks "
                    + ranked.stream().map(Match::profileId).toList());
        }
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < read.size(); i++) {
            double score = exact.get(read.get(i));
            if (score - lowest >= rule.step() - 1e-9) {
                return Optional.of("reads " + read.get(i) + " at " + (i + 1) + " below a pair it outscores by "
                        + "a step: " + read + ", the engine ranks " + ranked.stream().map(Match::profileId).toList());
            }
            lowest = Math.min(lowest, score);
        }
        return Optional.empty();
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
