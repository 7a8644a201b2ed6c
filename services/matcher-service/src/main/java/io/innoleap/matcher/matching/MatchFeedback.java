package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.MatchFeedbackSnapshot;
import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.contracts.events.MatchFeedbackSnapshot.Side;
import io.innoleap.contracts.events.MatchFeedbackSnapshot.Verdict;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.matcher.ranking.FeedbackPrior;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.matcher.store.FeedbackRow;
import io.innoleap.matcher.store.MatchRow;
import io.innoleap.matcher.store.Repositories.MatchRows;
import io.innoleap.matcher.store.Repositories.ProblemStatementRows;
import io.innoleap.matcher.store.Repositories.SolutionProfileRows;
import io.innoleap.matcher.store.StoredSnapshot.ProblemStatementRow;
import io.innoleap.matcher.store.StoredSnapshot.SolutionProfileRow;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Match feedback (API "Match feedback"): the agency that owns the problem statement or the
 * provider that owns the profile says whether a match is relevant. Every verdict is stored and
 * published on {@code innoleap.match-feedback}. The agency's NOT_RELEVANT takes the pair off the
 * problem's list (a {@code MatchRetracted}, and the next candidate moves up) and keeps it off
 * while both texts stay the same; its RELEVANT lets the pair back. The ranking also learns from
 * the agency's verdicts ({@link FeedbackPrior}): the lists of similar problems on its themes are
 * re-ranked in the same transaction. The provider's verdict is shown, and changes no list. Runs
 * under the writer lock: the engine, the lists and the verdicts move together.
 */
@Singleton
public class MatchFeedback {

    /** A checked request: ids parsed, verdict known; {@code side} only when the caller asked for one. */
    public record Request(UUID problemStatementId, UUID solutionProfileId, Verdict verdict, @Nullable String reason,
                          @Nullable Side side) {
    }

    private final MatchEngine engine;
    private final ProblemStatementRows problems;
    private final SolutionProfileRows profiles;
    private final MatchRows matches;
    private final FeedbackWriter store;
    private final Rechecks rechecks;
    private final PublishedLists published;
    private final MatcherMetrics metrics;
    private final WriterLock writer;
    private final SnapshotJson json;
    private final Clock clock;
    private final WriterGate gate;

    MatchFeedback(MatchEngine engine, ProblemStatementRows problems, SolutionProfileRows profiles, MatchRows matches,
                  FeedbackWriter store, Rechecks rechecks, PublishedLists published, MatcherMetrics metrics,
                  WriterLock writer, SnapshotJson json, Clock clock, WriterGate gate) {
        this.gate = gate;
        this.engine = engine;
        this.problems = problems;
        this.profiles = profiles;
        this.matches = matches;
        this.store = store;
        this.rechecks = rechecks;
        this.published = published;
        this.metrics = metrics;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records the caller's verdict; with an Idempotency-Key, a retry returns the first verdict and
     * changes nothing.
     *
     * @param body the request as sent (compared for the Idempotency-Key)
     */
    public MatchFeedbackSnapshot give(Caller caller, @Nullable String idempotencyKey, Request request, Object body) {
        UUID problemId = request.problemStatementId();
        UUID profileId = request.solutionProfileId();
        ProblemStatementRow problemRow = problems.findById(problemId)
                .orElseThrow(() -> ApiException.notFound("Problem statement", problemId));
        SolutionProfileRow profileRow = profiles.findById(profileId)
                .orElseThrow(() -> ApiException.notFound("Solution profile", profileId));
        if (!matches.existsById(new MatchRow.PairKey(problemId, profileId))) {
            throw ApiException.notFound("Match", MatchSnapshot.key(problemId, profileId));
        }
        ProblemStatementSnapshot problem = json.read(problemRow.snapshot(), ProblemStatementSnapshot.class);
        SolutionProfileSnapshot profile = json.read(profileRow.snapshot(), SolutionProfileSnapshot.class);
        Side side = side(caller, problem.agency().code(), profile.organisation().uen(), request.side());
        ProblemDoc problemDoc = Docs.problem(problem);
        ProfileDoc profileDoc = Docs.profile(profile);
        String problemText = engine.embeddingKey(problemDoc);
        String profileText = engine.embeddingKey(profileDoc);
        // The ranking learns from the agency's verdict (vectors from the cache; computed outside the lock).
        FeedbackPrior.Lesson lesson = side == Side.AGENCY ? engine.lesson(problemId, profileId,
                request.verdict() == Verdict.RELEVANT, problemDoc.themes(), engine.embedding(problemDoc),
                engine.embedding(profileDoc)) : null;

        writer.lock();
        try {
            if (!gate.writing()) {
                // With replicas only the writer changes lists (and its engine learns the verdict); a
                // standby stores and publishes nothing, and the client retries (on the writer).
                throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "This matcher replica is a standby; try again in a moment");
            }
            boolean wasExcluded = engine.isExcluded(problemId, profileId);
            boolean exclude = side == Side.AGENCY ? request.verdict() == Verdict.NOT_RELEVANT : wasExcluded;
            if (exclude) {
                engine.exclude(problemId, profileId);
            } else {
                engine.include(problemId, profileId);
            }
            Optional<FeedbackPrior.Lesson> previousLesson = engine.lessonOn(problemId, profileId);
            Set<UUID> toRank = new LinkedHashSet<>();
            if (exclude != wasExcluded) {
                toRank.add(problemId);
            }
            if (lesson != null) {
                toRank.addAll(engine.learn(lesson));
            }
            Map<UUID, List<Match>> ranked = rechecks.rankAll(toRank);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            FeedbackWriter.Outcome outcome;
            try {
                outcome = store.store(caller.sub(), idempotencyKey, body, new FeedbackRow(UUID.randomUUID(), problemId,
                        profileId, side, request.verdict(), request.reason(), 0, caller.sub(), problemText, profileText,
                        now), ranked, now);
            } catch (RuntimeException e) {
                restore(problemId, profileId, wasExcluded, previousLesson);
                throw e;
            }
            if (outcome.replayed()) {
                restore(problemId, profileId, wasExcluded, previousLesson); // the first request did the work
            }
            published.apply(outcome.changes().stream().map(MatchDiff.Change::row).toList());
            metrics.published(outcome.changes());
            return outcome.feedback();
        } finally {
            writer.unlock();
        }
    }

    private void restore(UUID problemId, UUID profileId, boolean excluded, Optional<FeedbackPrior.Lesson> lesson) {
        if (excluded) {
            engine.exclude(problemId, profileId);
        } else {
            engine.include(problemId, profileId);
        }
        if (lesson.isPresent()) {
            engine.learn(lesson.get());
        } else {
            engine.forget(problemId, profileId);
        }
    }

    /**
     * Which side the caller speaks for: the agency that owns the problem statement or the provider
     * that owns the profile (the programme office may speak for either; the agency side unless it
     * asks for the other). Anyone else: 403.
     */
    private static Side side(Caller caller, String agency, @Nullable String uen, @Nullable Side asked) {
        boolean agencySide = caller.actsFor(agency);
        boolean providerSide = caller.isOffice() || (uen != null && caller.actsForUen(uen));
        if (asked == Side.AGENCY && agencySide || asked == null && agencySide) {
            return Side.AGENCY;
        }
        if (asked != Side.AGENCY && providerSide) {
            return Side.PROVIDER;
        }
        throw Caller.forbidden(asked == null
                ? "Feedback on this match is for agency " + agency + " (problem side) and the provider that owns the "
                + "profile (profile side)"
                : "You may not give feedback on the " + asked.name().toLowerCase() + " side of this match");
    }
}
