package io.innoleap.matcher.matching;

import io.innoleap.matcher.events.MatchEvents;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.store.MatchRow;
import io.innoleap.matcher.store.Repositories.MatchRows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one transaction of every change: the new snapshot, the changed pairs of every re-ranked
 * problem and their events commit together or not at all.
 */
@Singleton
public class MatchWriter {

    private final MatchRows matches;
    private final MatchEvents events;

    public MatchWriter(MatchRows matches, MatchEvents events) {
        this.matches = matches;
        this.events = events;
    }

    /**
     * @param storeSnapshot writes the snapshot that caused the change
     * @param ranked        new top-K of each re-ranked problem (empty list: retract all of it)
     * @return the changes written and published
     */
    @Transactional
    public List<MatchDiff.Change> commit(Runnable storeSnapshot, Map<UUID, List<Match>> ranked, Instant now) {
        storeSnapshot.run();
        List<MatchDiff.Change> all = new ArrayList<>();
        if (ranked.isEmpty()) {
            return all;
        }
        Map<UUID, Map<UUID, MatchRow>> stored = new HashMap<>();
        for (List<String> chunk : MatchingService.chunks(ranked.keySet())) {
            for (MatchRow row : matches.findAllForProblems(chunk)) {
                stored.computeIfAbsent(row.problemStatementId(), k -> new HashMap<>()).put(row.solutionProfileId(), row);
            }
        }
        for (Map.Entry<UUID, List<Match>> e : ranked.entrySet()) {
            List<MatchDiff.Change> changes = MatchDiff.diff(e.getKey(), e.getValue(),
                    stored.getOrDefault(e.getKey(), Map.of()), now);
            for (MatchDiff.Change c : changes) {
                if (c.insert()) {
                    matches.save(c.row());
                } else {
                    matches.update(c.row());
                }
                events.publish(c.eventType(), c.snapshot());
            }
            all.addAll(changes);
        }
        return all;
    }
}
