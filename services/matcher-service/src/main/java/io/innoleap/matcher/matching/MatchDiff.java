package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.store.MatchRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

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
 * <b>Membership.</b> A list holds K pairs: the engine's top K, except that a listed pair the engine
 * now ranks just below the K-th stays while the pair that would take its place scores less than a
 * step more and neither pair's own problem or profile changed (see {@link #listed}); so nothing left
 * out scores a step above anything listed, and a new or edited document is listed where it ranks.
 * <p><b>Order.</b> Consumers read a list by score (highest first), then rank (lowest first), then
 * profile id. Read that way a pair published because its own problem or profile changed is read
 * exactly where the engine ranks it, against every other pair; any other two pairs may be read in
 * an order the engine no longer has while it scores them less than a step apart (scores are
 * published to the step; at that resolution they are equal), never once they are a step apart.
 * So a pair that only shifted because another entered, left or moved past it keeps its published
 * rank (when one pair drops from 3rd to 8th the pair alone is news, not the five it passes), and
 * two pairs whose scores cross by less than a step, as hubness nudges them, are not news; a pair
 * nudged into a list among pairs of the same published score is read below them rather than
 * republishing one of them. What is published is a small set of updates for which that holds; each updated pair takes its position in
 * the list as read as its rank. The REST lists number positions in that order; an
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
     * @param window      its best candidates, best first: the top K and the reserve below it
     *                    ({@link PublishRule#window(int)}); empty when the problem is closed or unknown
     * @param k           how many pairs a list holds
     * @param stored      every stored pair of the problem by profile id, active or retracted
     * @param sideChanged given a stored pair, whether a side of it (the problem or the profile) changed
     *                    since that row was written, so a new explanation is news
     */
    public static List<Change> diff(UUID problemId, List<Match> window, int k, Map<UUID, MatchRow> stored,
                                    Instant now, PublishRule rule, Predicate<MatchRow> sideChanged) {
        // a pair whose own problem or profile changed: listed and read exactly where the engine ranks it
        boolean[] ownInWindow = new boolean[window.size()];
        for (int i = 0; i < window.size(); i++) {
            Match m = window.get(i);
            MatchRow old = stored.get(m.profileId());
            ownInWindow[i] = sideChanged.test(old != null ? old : unwritten(problemId, m));
        }
        int[] chosen = listed(window, k, stored, rule, ownInWindow);
        int n = chosen.length;
        List<Match> ranked = new ArrayList<>(n);
        MatchRow[] published = new MatchRow[n]; // the row consumers hold, if the pair is on the list now
        Reason[] reason = new Reason[n];
        boolean[] own = new boolean[n];
        for (int i = 0; i < n; i++) {
            Match m = window.get(chosen[i]);
            ranked.add(m);
            own[i] = ownInWindow[chosen[i]];
            MatchRow old = stored.get(m.profileId());
            reason[i] = news(old, m, rule, own[i]);
            if (reason[i] != Reason.ENTERED) {
                published[i] = old;
            }
        }
        // The list as it will be read: news pairs in their engine positions, quiet pairs in the other
        // positions in the order their published keys give. Where that breaks a rule (see wrong()), a
        // nudged news pair may be read at another place within a step instead, if that mends the whole
        // list; otherwise one quiet pair more becomes news and the list is laid out again. A list of news
        // pairs only is the engine's order, so this ends.
        Layout list = new Layout(problemId, ranked, published, reason, own, rule, now);
        while (true) {
            int[] wrong = list.wrong(list.layout());
            if (wrong == null || list.mendByMoving(wrong)) {
                break;
            }
            list.republishInPlace(reason[wrong[0]] == null ? wrong[0] : wrong[1]);
        }
        MatchRow[] key = list.key;

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

    /**
     * A list as consumers will read it: each news pair at its place ({@code at}, its engine position
     * unless moved), the quiet pairs in the other places in published order.
     */
    private static final class Layout {
        private final UUID problemId;
        private final List<Match> ranked;
        private final MatchRow[] published;
        private final Reason[] reason;
        private final boolean[] own;
        private final PublishRule rule;
        private final Instant now;
        private final int n;
        final MatchRow[] key;
        private final int[] at;

        Layout(UUID problemId, List<Match> ranked, MatchRow[] published, Reason[] reason, boolean[] own,
               PublishRule rule, Instant now) {
            this.problemId = problemId;
            this.ranked = ranked;
            this.published = published;
            this.reason = reason;
            this.own = own;
            this.rule = rule;
            this.now = now;
            this.n = ranked.size();
            this.key = new MatchRow[n];
            this.at = new int[n];
            rekey();
        }

        /** A quiet pair becomes news, to be read in its engine place; every news pair goes back to its own. */
        void republishInPlace(int quiet) {
            reason[quiet] = Reason.ORDER;
            rekey();
        }

        /** Every news pair back at its engine position, with the key it would be published with. */
        private void rekey() {
            for (int i = 0; i < n; i++) {
                at[i] = i;
                key[i] = reason[i] == null ? published[i] : fresh(problemId, ranked.get(i), i + 1, rule, now);
            }
        }

        /** Position -> engine index. */
        int[] layout() {
            int[] read = new int[n];
            Arrays.fill(read, -1);
            List<Integer> quiet = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (reason[i] != null) {
                    read[at[i]] = i;
                } else {
                    quiet.add(i);
                }
            }
            quiet.sort((x, y) -> PUBLISHED_ORDER.compare(key[x], key[y]));
            for (int pos = 0, q = 0; pos < n; pos++) {
                if (read[pos] < 0) {
                    read[pos] = quiet.get(q++);
                }
            }
            return read;
        }

        /**
         * The first two pairs, as engine indices, that break a rule, the one to republish first if it
         * is quiet; null when the list is right: consumers' sort gives this order, news about a pair
         * whose own side changed is read where the engine ranks it against every other pair, and any
         * other two pairs are read in an order the engine no longer has only while it scores them less
         * than a step apart.
         */
        int[] wrong(int[] read) {
            for (int pos = 0; pos < n; pos++) {
                int x = read[pos];
                if (pos > 0 && PUBLISHED_ORDER.compare(key[read[pos - 1]], key[x]) > 0) {
                    return new int[] {x, read[pos - 1]};
                }
                for (int later = pos + 1; later < n; later++) {
                    int y = read[later];
                    if (x < y) {
                        continue; // the engine ranks them in this order too
                    }
                    if ((reason[x] != null && own[x]) || (reason[y] != null && own[y])
                            || ranked.get(y).score() - ranked.get(x).score() >= rule.step() - 1e-9) {
                        return new int[] {x, y};
                    }
                }
            }
            return null;
        }

        /**
         * Tries reading a news pair of the two that nudges moved (not its own change) at another place,
         * nearest first, with that place as its rank; keeps the first place where the whole list is
         * right.
         */
        boolean mendByMoving(int[] wrong) {
            for (int f : wrong) {
                if (reason[f] == null || reason[f] == Reason.ORDER || own[f]) {
                    continue; // quiet, republished to be read in its place, or its own side changed
                }
                for (int d = 1; d < n; d++) {
                    for (int q : new int[] {f + d, f - d}) {
                        if (q < 0 || q >= n || reason[q] != null) {
                            continue; // another news pair is read there
                        }
                        at[f] = q;
                        key[f] = fresh(problemId, ranked.get(f), q + 1, rule, now);
                        if (wrong(layout()) == null) {
                            return true;
                        }
                    }
                }
                at[f] = f;
                key[f] = fresh(problemId, ranked.get(f), f + 1, rule, now);
            }
            return false;
        }
    }

    /** Why a pair of the new list is news, or null when consumers already hold it as it is. */
    private static Reason news(MatchRow old, Match m, PublishRule rule, boolean own) {
        if (old == null || !old.active()) {
            return Reason.ENTERED;
        }
        if (rule.moved(m.score(), old.score())) {
            return Reason.SCORE;
        }
        if (own && (!old.sharedThemes().equals(m.sharedThemes())
                || !old.matchedTerms().equals(m.matchedTerms()))) {
            return Reason.EXPLANATION;
        }
        return null;
    }

    /**
     * The window positions the list holds, in the engine's order ({@code own}: per window position,
     * whether the pair's own problem or profile changed): the engine's top K, except that a listed pair
     * the engine now ranks below the K-th stays listed in place of a pair that would enter while that
     * pair scores less than a step more (the weakest entrant gives way to the strongest such pair, the
     * next weakest to the next, while it holds). It stays as published unless its own score moved a
     * step, and then one update says so where two events (one in, one out) would. Only pairs whose
     * own problem and profile did not change take part: membership, too, changes only by a step when
     * other documents nudge scores (hubness), while a new or edited problem or profile always enters
     * or leaves where the engine ranks it. Nothing left out then scores a step above anything listed.
     */
    private static int[] listed(List<Match> window, int k, Map<UUID, MatchRow> stored, PublishRule rule,
                                boolean[] own) {
        int top = Math.min(k, window.size());
        boolean[] in = new boolean[window.size()];
        Arrays.fill(in, 0, top, true);
        List<Integer> entrants = new ArrayList<>(); // weakest first
        List<Integer> holding = new ArrayList<>(); // strongest first
        for (int i = top - 1; i >= 0; i--) {
            MatchRow old = stored.get(window.get(i).profileId());
            if ((old == null || !old.active()) && !own[i]) {
                entrants.add(i);
            }
        }
        for (int i = k; i < window.size(); i++) {
            MatchRow old = stored.get(window.get(i).profileId());
            if (old != null && old.active() && !own[i]) {
                holding.add(i);
            }
        }
        for (int j = 0; j < Math.min(entrants.size(), holding.size()); j++) {
            int entrant = entrants.get(j);
            int holder = holding.get(j);
            if (window.get(entrant).score() - window.get(holder).score() >= rule.step() - 1e-9) {
                break;
            }
            in[entrant] = false;
            in[holder] = true;
        }
        return IntStream.range(0, window.size()).filter(i -> in[i]).toArray();
    }

    /** A pair never written: every side of it is newer than its (absent) row. */
    private static MatchRow unwritten(UUID problemId, Match m) {
        return new MatchRow(new MatchRow.PairKey(problemId, m.profileId()), m.score(), 0, m.sharedThemes(),
                m.matchedTerms(), false, -1, Instant.EPOCH);
    }

    private static MatchRow fresh(UUID problemId, Match m, int rank, PublishRule rule, Instant now) {
        return new MatchRow(new MatchRow.PairKey(problemId, m.profileId()), rule.round(m.score()), rank, m.sharedThemes(),
                m.matchedTerms(), true, 0, now);
    }

    /**
     * Whether a list as read (profile ids in published order) is the engine's ranking to the step:
     * K pairs of the window (or all of a shorter window), none left out that scores a step above one
     * listed, and none read above one that the engine scores at least a step higher (pairs published
     * because their own problem or profile changed are, moreover, read exactly where the engine ranks
     * them; {@code MatchDiffTest} checks that).
     *
     * @param window the engine's top K and reserve, best first ({@link PublishRule#window(int)})
     * @return what is wrong, or empty when it agrees
     */
    public static Optional<String> disagreement(List<UUID> read, List<Match> window, int k, PublishRule rule) {
        Map<UUID, Double> exact = new HashMap<>();
        window.forEach(m -> exact.put(m.profileId(), m.score()));
        List<UUID> engine = window.stream().map(Match::profileId).toList();
        if (read.size() != Math.min(k, window.size()) || !exact.keySet().containsAll(read)) {
            return Optional.of("holds " + read + ", the engine ranks " + engine);
        }
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < read.size(); i++) {
            double score = exact.get(read.get(i));
            if (score - lowest >= rule.step() - 1e-9) {
                return Optional.of("reads " + read.get(i) + " at " + (i + 1) + " below a pair it outscores by "
                        + "a step: " + read + ", the engine ranks " + engine);
            }
            lowest = Math.min(lowest, score);
        }
        Set<UUID> listed = new HashSet<>(read);
        for (Match m : window) {
            if (!listed.contains(m.profileId()) && m.score() - lowest >= rule.step() - 1e-9) {
                return Optional.of("leaves out " + m.profileId() + ", a step above a listed pair: " + read
                        + ", the engine ranks " + engine);
            }
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
