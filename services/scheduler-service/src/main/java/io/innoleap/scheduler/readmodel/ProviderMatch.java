package io.innoleap.scheduler.readmodel;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One entry of a problem statement's ranked matches (from {@code innoleap.matches}).
 * {@code sharedThemes} is the matcher's explanation; it tells whether the provider is "on" a theme
 * for that problem.
 */
public record ProviderMatch(UUID solutionProfileId, String organisationName, double score,
                            Set<String> sharedThemes) {
    public ProviderMatch {
        Objects.requireNonNull(solutionProfileId, "solutionProfileId");
        Objects.requireNonNull(organisationName, "organisationName");
        sharedThemes = Set.copyOf(sharedThemes);
    }
}
