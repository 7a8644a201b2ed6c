package io.innoleap.matcher.matching;

import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchEngine;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which problems' lists to re-rank after profiles' scores moved, and the re-ranking itself. A list
 * is re-ranked only if it can change: a moved profile is on it, or the profile now scores at least
 * the list's weakest published score less one step (published scores are within a step of the
 * real ones), or the list has room. Every other list stays as it is, untouched and unread. Reads
 * the engine and {@link PublishedLists}, not the database; runs under the writer lock.
 */
@Singleton
class Rechecks {

    private final MatchEngine engine;
    private final PublishedLists published;
    private final PublishRule rule;

    Rechecks(MatchEngine engine, PublishedLists published, MatcherSettings settings) {
        this.engine = engine;
        this.published = published;
        this.rule = settings.publishRule();
    }

    /**
     * @param movedProfiles profiles whose scores may have moved: changed, new or removed ones (a
     *                      profile's change moves only its own pairs)
     */
    Set<UUID> problemsToRecheck(Set<UUID> movedProfiles) {
        Set<UUID> out = new LinkedHashSet<>();
        int k = engine.config().topK();
        for (UUID profile : movedProfiles) {
            out.addAll(published.listedOn(profile));
            for (Map.Entry<UUID, Double> e : engine.scoresFor(profile).entrySet()) {
                UUID problem = e.getKey();
                if (!out.contains(problem) && (published.size(problem) < k
                        || e.getValue() >= published.weakest(problem) - rule.step())) {
                    out.add(problem);
                }
            }
        }
        return out;
    }

    /**
     * Each problem's new top K and the reserve below it ({@link PublishRule#window(int)}); empty for a
     * closed or unknown problem (retracts its list).
     */
    Map<UUID, List<Match>> rankAll(Collection<UUID> problemIds) {
        Map<UUID, List<Match>> out = new LinkedHashMap<>();
        for (UUID id : problemIds) {
            out.put(id, rule.window(engine, id));
        }
        return out;
    }

    /** Ids as strings in chunks that keep IN lists of queries reasonable. */
    static List<List<String>> chunks(Collection<UUID> ids) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (UUID id : ids) {
            current.add(id.toString());
            if (current.size() == 500) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
