package io.innoleap.scheduler.readmodel;

import io.innoleap.scheduler.domain.Agency;
import io.innoleap.scheduler.domain.Contact;
import io.innoleap.scheduler.domain.Horizon;
import io.innoleap.scheduler.domain.OpenProblemStatement;
import io.innoleap.scheduler.domain.ProviderMatch;
import io.innoleap.scheduler.readmodel.ReadModelRepositories.MatchViews;
import io.innoleap.scheduler.readmodel.ReadModelRepositories.ProblemStatementViews;
import io.innoleap.scheduler.readmodel.ReadModelRepositories.SolutionProfileViews;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Queries of the read model, in the domain's terms. */
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
        return problems.findOpen().stream().map(ReadModel::toDomain).toList();
    }

    @Transactional(readOnly = true)
    public Optional<ProblemStatementView> problemStatement(UUID id) {
        return problems.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<SolutionProfileView> solutionProfile(UUID id) {
        return profiles.findById(id);
    }

    @Transactional(readOnly = true)
    public Map<UUID, SolutionProfileView> solutionProfiles(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return profiles.findByIdIn(ids).stream().collect(Collectors.toMap(SolutionProfileView::id, Function.identity()));
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
        Map<UUID, SolutionProfileView> byId = solutionProfiles(new HashSet<>(found.stream()
                .map(m -> m.id().solutionProfileId()).toList()));
        Map<UUID, List<ProviderMatch>> out = new LinkedHashMap<>();
        for (UUID id : problemStatementIds) {
            out.put(id, new java.util.ArrayList<>());
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

    static OpenProblemStatement toDomain(ProblemStatementView v) {
        return new OpenProblemStatement(v.id(), new Agency(v.agencyCode(), v.agencyName(), v.agencyDomain()),
                new HashSet<>(v.themes()), Horizon.valueOf(v.horizon()), v.title(),
                new Contact(v.contactName(), v.contactEmail()));
    }
}
