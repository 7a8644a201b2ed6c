package io.innoleap.scheduler.readmodel;

import static io.innoleap.scheduler.Fixtures.id;
import static io.innoleap.scheduler.Fixtures.match;
import static io.innoleap.scheduler.Fixtures.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderRankingTest {
    private final OpenProblemStatement bus = problem("Bus bunching", "LTA", "smart-cities");
    private final OpenProblemStatement kerb = problem("Kerb congestion", "URA", "smart-cities");

    @Test
    void providerRelevantToSeveralStatementsOutranksOneStrongOnlyOnce() {
        var ranked = ProviderRanking.rank("smart-cities", List.of(bus, kerb), Map.of(
                bus.id(), List.of(match("Aurora", 0.6, "smart-cities"), match("Spike", 0.9, "smart-cities")),
                kerb.id(), List.of(match("Aurora", 0.5, "smart-cities"))));

        assertThat(ranked).extracting(RankedProvider::organisationName).containsExactly("Aurora", "Spike");
        assertThat(ranked.get(0).totalScore()).isCloseTo(1.1, within(1e-9));
        assertThat(ranked.get(0).bestScore()).isCloseTo(0.6, within(1e-9));
        assertThat(ranked.get(0).matchedProblemStatements()).isEqualTo(2);
    }

    @Test
    void aProviderListedTwiceForOneStatementCountsOnceAtItsBestScore() {
        var ranked = ProviderRanking.rank("smart-cities", List.of(bus), Map.of(bus.id(), List.of(
                match("Aurora", 0.4, "smart-cities"), match("Aurora", 0.7, "smart-cities"), match("Aurora", 0.5, "smart-cities"))));

        assertThat(ranked).singleElement().satisfies(p -> {
            assertThat(p.totalScore()).isCloseTo(0.7, within(1e-9));
            assertThat(p.matchedProblemStatements()).isEqualTo(1);
        });
    }

    @Test
    void onlyMatchesSharingTheThemeCount() {
        var ranked = ProviderRanking.rank("smart-cities", List.of(bus), Map.of(bus.id(), List.of(
                match("Aurora", 0.4, "smart-cities"), match("Secure", 0.95, "cybersecurity"))));

        assertThat(ranked).extracting(RankedProvider::organisationName).containsExactly("Aurora");
    }

    @Test
    void nonPositiveOrInvalidScoresAreIgnoredAndUnknownProblemsHaveNoMatches() {
        var ranked = ProviderRanking.rank("smart-cities", List.of(bus, kerb), Map.of(bus.id(), List.of(
                match("Zero", 0.0, "smart-cities"), match("Nan", Double.NaN, "smart-cities"), match("Ok", 0.2, "smart-cities"))));

        assertThat(ranked).extracting(RankedProvider::organisationName).containsExactly("Ok");
    }

    @Test
    void tiesAreBrokenByBestScoreThenNameThenId() {
        var ranked = ProviderRanking.rank("smart-cities", List.of(bus, kerb), Map.of(
                bus.id(), List.of(match("Beta", 0.5, "smart-cities"), match("alpha", 0.5, "smart-cities"), match("Peak", 0.8, "smart-cities")),
                kerb.id(), List.of(match("Beta", 0.5, "smart-cities"), match("alpha", 0.5, "smart-cities"), match("Peak", 0.2, "smart-cities"))));

        // All total 1.0; Peak has the best single score; alpha before Beta ignoring case.
        assertThat(ranked).extracting(RankedProvider::organisationName).containsExactly("Peak", "alpha", "Beta");
        assertThat(ranked).extracting(RankedProvider::solutionProfileId).doesNotHaveDuplicates().contains(id("Peak"));
    }
}
