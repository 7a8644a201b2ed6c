package io.innoleap.scheduler.readmodel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A problem statement as the programme report counts it: its themes, its status now, when it was
 * posted (the snapshot's createdAt) and whether the matcher ever proposed a match for it (a row in
 * the read model's matches, retracted or not).
 */
public record PostedProblemStatement(UUID id, List<String> themes, String status, Instant postedAt, boolean everMatched) {

    public PostedProblemStatement {
        themes = List.copyOf(themes);
    }
}
