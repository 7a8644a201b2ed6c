package io.innoleap.scheduler.readmodel.events;

import io.innoleap.scheduler.readmodel.store.MatchView;
import io.innoleap.scheduler.readmodel.store.ProblemStatementView;
import io.innoleap.scheduler.readmodel.store.SolutionProfileView;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.scheduler.readmodel.store.ReadModelRepositories.MatchViews;
import io.innoleap.scheduler.readmodel.store.ReadModelRepositories.ProblemStatementViews;
import io.innoleap.scheduler.readmodel.store.ReadModelRepositories.SolutionProfileViews;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.temporal.ChronoUnit;

/**
 * Applies snapshots to the read model idempotently: a snapshot no newer than the stored one
 * changes nothing, so redelivery and replays are harmless. One key is always on one partition,
 * so a key's snapshots arrive one at a time.
 */
@Singleton
public class ReadModelUpdater {

    private final ProblemStatementViews problems;
    private final SolutionProfileViews profiles;
    private final MatchViews matches;

    public ReadModelUpdater(ProblemStatementViews problems, SolutionProfileViews profiles, MatchViews matches) {
        this.problems = problems;
        this.profiles = profiles;
        this.matches = matches;
    }

    /** @return true if the snapshot was newer and stored */
    @Transactional
    public boolean apply(ProblemStatementSnapshot s) {
        var current = problems.findById(s.id());
        if (current.isPresent() && current.get().version() >= s.version()) {
            if (current.get().postedAt() == null && s.createdAt() != null) {
                // A row stored before V27 learns when it was posted from a replayed (or repeated) snapshot.
                problems.update(current.get().withPostedAt(s.createdAt().truncatedTo(ChronoUnit.MICROS)));
            }
            return false;
        }
        var view = new ProblemStatementView(s.id(), s.agency().code(), s.agency().name(), s.agency().domain(),
                s.title(), s.themes(), s.horizon().name(), s.contact().name(), s.contact().email(), s.status().name(),
                s.version(), s.updatedAt().truncatedTo(ChronoUnit.MICROS),
                s.createdAt() == null ? null : s.createdAt().truncatedTo(ChronoUnit.MICROS));
        if (current.isPresent()) {
            problems.update(view);
        } else {
            problems.save(view);
        }
        return true;
    }

    @Transactional
    public boolean apply(SolutionProfileSnapshot s) {
        var current = profiles.findById(s.id());
        if (current.isPresent() && current.get().version() >= s.version()) {
            return false;
        }
        var view = new SolutionProfileView(s.id(), s.organisation().name(), s.organisation().type().name(),
                s.solutionName(), s.themes(), s.readinessLevel(), s.contact().name(), s.contact().email(),
                s.status().name(), s.version(), s.updatedAt().truncatedTo(ChronoUnit.MICROS));
        if (current.isPresent()) {
            profiles.update(view);
        } else {
            profiles.save(view);
        }
        return true;
    }

    @Transactional
    public boolean apply(MatchSnapshot s) {
        var key = new MatchView.MatchKey(s.problemStatementId(), s.solutionProfileId());
        var current = matches.findById(key);
        if (current.isPresent() && current.get().version() >= s.version()) {
            return false;
        }
        var view = new MatchView(key, s.score(), s.rank(), s.sharedThemes(), s.matchedTerms(), s.active(), s.version(),
                s.computedAt().truncatedTo(ChronoUnit.MICROS));
        if (current.isPresent()) {
            matches.update(view);
        } else {
            matches.save(view);
        }
        return true;
    }
}
