package io.innoleap.scheduler.workshops.domain;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.scheduler.Fixtures;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;

import static io.innoleap.scheduler.Fixtures.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DemandRankingTest {

    @Test
    void countsStatementsAgenciesAndImmediateNeedsPerTheme() {
        List<ThemeDemand> ranking = DemandRanking.rank(List.of(
                problem("Bus bunching", "LTA", "transport", Horizon.IMMEDIATE_OPERATIONAL, "smart-cities", "data-analytics"),
                problem("Kerb congestion", "LTA", "transport", Horizon.LONG_TERM, "smart-cities"),
                problem("Void deck usage", "HDB", "housing", Horizon.IMMEDIATE_OPERATIONAL, "smart-cities")));

        ThemeDemand smartCities = ranking.get(0);
        assertThat(smartCities.theme()).isEqualTo("smart-cities");
        assertThat(smartCities.openProblemStatements()).isEqualTo(3);
        assertThat(smartCities.distinctAgencies()).isEqualTo(2);
        assertThat(smartCities.immediateOperational()).isEqualTo(2);
        assertThat(smartCities.agencyCodes()).containsExactly("HDB", "LTA");
        // 3 x 2 agencies + 3 statements + 2 immediate
        assertThat(smartCities.demandScore()).isEqualTo(11);

        ThemeDemand analytics = ranking.get(1);
        assertThat(analytics.theme()).isEqualTo("data-analytics");
        assertThat(analytics).extracting(ThemeDemand::openProblemStatements, ThemeDemand::distinctAgencies,
                ThemeDemand::immediateOperational, ThemeDemand::demandScore).containsExactly(1, 1, 1, 5);
    }

    @Test
    void twoAgenciesOutrankOneAgencyWithMoreStatements() {
        List<ThemeDemand> ranking = DemandRanking.rank(List.of(
                problem("A1", "LTA", "transport"),
                problem("A2", "LTA", "transport"),
                problem("A3", "LTA", "transport"),
                problem("B1", "NEA", "environment"),
                problem("B2", "PUB", "environment")));

        assertThat(ranking).extracting(ThemeDemand::theme).containsExactly("environment", "transport");
    }

    @Test
    void anotherAgencyAlwaysAddsMoreThanAnotherStatementFromAnAgencyAlreadyCounted() {
        List<OpenProblemStatement> base = List.of(problem("Base", "LTA", "cloud"));
        int baseScore = DemandRanking.rank(base).get(0).demandScore();

        List<OpenProblemStatement> sameAgencyUrgent = new ArrayList<>(base);
        sameAgencyUrgent.add(problem("More", "LTA", "transport", Horizon.IMMEDIATE_OPERATIONAL, "cloud"));
        List<OpenProblemStatement> newAgencyLongTerm = new ArrayList<>(base);
        newAgencyLongTerm.add(problem("Other", "URA", "transport", Horizon.LONG_TERM, "cloud"));

        int gainSameAgency = DemandRanking.rank(sameAgencyUrgent).get(0).demandScore() - baseScore;
        int gainNewAgency = DemandRanking.rank(newAgencyLongTerm).get(0).demandScore() - baseScore;
        assertThat(gainNewAgency).isGreaterThan(gainSameAgency);
    }

    @Test
    void immediateOperationalStatementsWeighMoreThanLongTermOnes() {
        List<ThemeDemand> ranking = DemandRanking.rank(List.of(
                problem("Long", "LTA", "transport", Horizon.LONG_TERM, "cloud"),
                problem("Urgent", "LTA", "transport", Horizon.IMMEDIATE_OPERATIONAL, "cybersecurity")));

        assertThat(ranking).extracting(ThemeDemand::theme).containsExactly("cybersecurity", "cloud");
        assertThat(ranking.get(0).demandScore()).isGreaterThan(ranking.get(1).demandScore());
    }

    @Test
    void equalDemandIsOrderedBySlugWhateverTheInputOrder() {
        List<OpenProblemStatement> input = new ArrayList<>(List.of(
                problem("P1", "LTA", "transport"), problem("P2", "LTA", "education"),
                problem("P3", "LTA", "cloud"), problem("P4", "LTA", "finance")));
        List<String> expected = List.of("cloud", "education", "finance", "transport");
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(input, random);
            assertThat(DemandRanking.rank(input)).extracting(ThemeDemand::theme).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void equalScoresPreferMoreAgencies() {
        // cloud: 1 agency, 3 urgent statements = 3 + 3 + 3 = 9; finance: 2 agencies, 1 urgent + 0 = 6 + 2 + 1 = 9.
        List<ThemeDemand> ranking = DemandRanking.rank(List.of(
                problem("C1", "LTA", "transport", Horizon.IMMEDIATE_OPERATIONAL, "cloud"),
                problem("C2", "LTA", "transport", Horizon.IMMEDIATE_OPERATIONAL, "cloud"),
                problem("C3", "LTA", "transport", Horizon.IMMEDIATE_OPERATIONAL, "cloud"),
                problem("F1", "MAS", "finance", Horizon.IMMEDIATE_OPERATIONAL, "finance"),
                problem("F2", "IRAS", "finance", Horizon.LONG_TERM, "finance")));

        assertThat(ranking).extracting(ThemeDemand::demandScore).containsExactly(9, 9);
        assertThat(ranking).extracting(ThemeDemand::theme).containsExactly("finance", "cloud");
    }

    @Test
    void duplicateStatementsAndAgencyCodeCaseDoNotInflateDemand() {
        OpenProblemStatement once = problem("Same", "LTA", "cloud");
        OpenProblemStatement lowerCaseAgency = new OpenProblemStatement(Fixtures.id("Other"), Fixtures.agency("lta", "transport"),
                java.util.Set.of("cloud"), Horizon.LONG_TERM, "Other", null);

        ThemeDemand demand = DemandRanking.rank(List.of(once, once, lowerCaseAgency)).get(0);

        assertThat(demand.openProblemStatements()).isEqualTo(2);
        assertThat(demand.distinctAgencies()).isEqualTo(1);
        assertThat(demand.agencyCodes()).containsExactly("LTA");
    }

    @Test
    void noOpenStatementsMeansNoDemand() {
        assertThat(DemandRanking.rank(List.of())).isEmpty();
    }
}
