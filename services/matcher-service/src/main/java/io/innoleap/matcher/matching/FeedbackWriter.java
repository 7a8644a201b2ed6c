package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.MatchFeedbackSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.store.FeedbackRow;
import io.innoleap.matcher.store.Repositories.FeedbackRows;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.outbox.Outbox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The transaction of one verdict: the verdict, its event, its Idempotency-Key and the list changes
 * it causes commit together or not at all.
 */
@Singleton
public class FeedbackWriter {

    static final String SCOPE = "POST /api/matches/feedback";

    public record Outcome(MatchFeedbackSnapshot feedback, boolean replayed, List<MatchDiff.Change> changes) {
    }

    private final FeedbackRows rows;
    private final Outbox outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final MatchWriter matchWriter;

    FeedbackWriter(FeedbackRows rows, Outbox outbox, IdempotencyKeys idempotencyKeys, MatchWriter matchWriter) {
        this.rows = rows;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.matchWriter = matchWriter;
    }

    /**
     * @param draft  the verdict; its version is set here (one more than the pair and side's latest)
     * @param ranked the problem's new list when the verdict changes it, else empty
     */
    @Transactional
    public Outcome store(String principal, @Nullable String key, Object body, FeedbackRow draft,
                  Map<UUID, List<Match>> ranked, Instant now) {
        List<MatchDiff.Change> changes = new ArrayList<>();
        IdempotencyKeys.Outcome<MatchFeedbackSnapshot> outcome = idempotencyKeys.create(principal, SCOPE, key, body,
                () -> {
                    long version = rows.latestVersion(draft.problemStatementId().toString(),
                            draft.solutionProfileId().toString(), draft.side().name()) + 1;
                    MatchFeedbackSnapshot given = rows.save(draft.withVersion(version)).snapshot();
                    outbox.append(Topics.MATCH_FEEDBACK, given.key(), MatchFeedbackSnapshot.GIVEN, given);
                    changes.addAll(matchWriter.commit(() -> { }, ranked, pair -> false, now));
                    return given;
                },
                given -> given.id().toString(),
                id -> rows.findById(UUID.fromString(id)).orElseThrow().snapshot());
        return new Outcome(outcome.resource(), outcome.replayed(), changes);
    }
}
