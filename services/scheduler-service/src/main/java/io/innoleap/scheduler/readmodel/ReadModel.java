package io.innoleap.scheduler.readmodel;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.Horizon;
import io.innoleap.scheduler.readmodel.store.MatchView;
import io.innoleap.scheduler.readmodel.store.ProblemStatementView;
import io.innoleap.scheduler.readmodel.store.ReadModelRepositories.MatchViews;
import io.innoleap.scheduler.readmodel.store.ReadModelRepositories.ProblemStatementViews;
import io.innoleap.scheduler.readmodel.store.ReadModelRepositories.SolutionProfileViews;
import io.innoleap.scheduler.readmodel.store.SolutionProfileView;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The read model's public queries, in the programme's terms: what every feature may ask of the
 * problem statements, profiles and matches kept from the topics.
 */
@Singleton
public class ReadModel {

    private final ProblemStatementViews problems;
    private final SolutionProfileViews profiles;
    private final MatchViews matches;

    public ReadModel(ProblemStatementViews problems, SolutionProfileViews profiles, MatchViews matches) {
        this.problems = problems;
        this.profiles = profiles;
        this.matches = matches;
    }

    @Transactional(readOnly = true)
    public List<OpenProblemStatement> openProblemStatements() {
        return problems.findOpen().stream().map(ReadModel::open).toList();
    }

    @Transactional(readOnly = true)
    public Optional<ProblemStatement> problemStatement(UUID id) {
        return problems.findById(id).map(v -> new ProblemStatement(v.id(), agency(v), v.title(),
                new Contact(v.contactName(), v.contactEmail()), v.status()));
    }

    /** The contact of each given solution profile that the read model knows. */
    @Transactional(readOnly = true)
    public Map<UUID, Contact> providerContacts(Collection<UUID> solutionProfileIds) {
        return profilesById(solutionProfileIds).values().stream()
                .collect(Collectors.toMap(SolutionProfileView::id, p -> new Contact(p.contactName(), p.contactEmail())));
    }

    /**
     * The active matches of each given problem statement, best first, limited to ACTIVE profiles
     * (a withdrawal can reach us before the matcher's retraction).
     */
    @Transactional(readOnly = true)
    public Map<UUID, List<ProviderMatch>> matchesFor(Collection<UUID> problemStatementIds) {
        if (problemStatementIds.isEmpty()) {
            return Map.of();
        }
        List<MatchView> found = matches.findActiveForProblems(problemStatementIds.stream().map(UUID::toString).toList());
        Map<UUID, SolutionProfileView> byId = profilesById(new HashSet<>(found.stream()
                .map(m -> m.id().solutionProfileId()).toList()));
        Map<UUID, List<ProviderMatch>> out = new LinkedHashMap<>();
        for (UUID id : problemStatementIds) {
            out.put(id, new ArrayList<>());
        }
        for (MatchView m : found) {
            SolutionProfileView profile = byId.get(m.id().solutionProfileId());
            if (profile == null || !profile.isActive()) {
                continue;
            }
            out.get(m.id().problemStatementId()).add(new ProviderMatch(profile.id(), profile.organisationName(),
                    m.score(), new HashSet<>(m.sharedThemes())));
        }
        return out;
    }

    /**
     * The statements posted (createdAt) in {@code [from, to)}, with whether the matcher ever proposed a
     * match for each; statements stored before V27 without a posting time are not among them.
     */
    @Transactional(readOnly = true)
    public List<PostedProblemStatement> postedBetween(Instant from, Instant to) {
        List<ProblemStatementView> posted = problems.findPostedBetween(from, to);
        if (posted.isEmpty()) {
            return List.of();
        }
        Set<UUID> matched = new HashSet<>();
        List<String> ids = posted.stream().map(v -> v.id().toString()).toList();
        for (int i = 0; i < ids.size(); i += 500) {
            matches.findAllForProblems(ids.subList(i, Math.min(ids.size(), i + 500)))
                    .forEach(m -> matched.add(m.id().problemStatementId()));
        }
        return posted.stream().map(v -> new PostedProblemStatement(v.id(), v.themes(), v.status(), v.postedAt(),
                matched.contains(v.id()))).toList();
    }

    private Map<UUID, SolutionProfileView> profilesById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return profiles.findByIdIn(ids).stream().collect(Collectors.toMap(SolutionProfileView::id, Function.identity()));
    }

    private static Agency agency(ProblemStatementView v) {
        return new Agency(v.agencyCode(), v.agencyName(), v.agencyDomain());
    }

    private static OpenProblemStatement open(ProblemStatementView v) {
        return new OpenProblemStatement(v.id(), agency(v), new HashSet<>(v.themes()), Horizon.valueOf(v.horizon()), v.title(),
                new Contact(v.contactName(), v.contactEmail()));
    }
}
