package io.innoleap.contracts;

import io.innoleap.contracts.themes.ThemeCatalogue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThemeCatalogueTest {

    private final ThemeCatalogue catalogue = ThemeCatalogue.standard();

    @Test
    void seedsEverySlugTheContractNames() {
        assertThat(catalogue.themes()).extracting(t -> t.slug()).contains(
                "application-development", "sustainability", "smart-cities", "artificial-intelligence",
                "generative-ai", "data-analytics", "cybersecurity", "digital-identity", "cloud", "healthcare",
                "transport", "public-safety", "education", "finance", "manufacturing", "environment",
                "workforce-skills");
        assertThat(catalogue.themes()).allSatisfy(t -> {
            assertThat(t.name()).isNotBlank();
            assertThat(t.description()).isNotBlank();
        });
    }

    @Test
    void normalisesNamesSynonymsCaseAndPlurals() {
        assertThat(catalogue.normalise("Smart Cities")).hasValue("smart-cities");
        assertThat(catalogue.normalise("smart city")).hasValue("smart-cities");
        assertThat(catalogue.normalise("  SMART_CITIES ")).hasValue("smart-cities");
        assertThat(catalogue.normalise("smart-cities")).hasValue("smart-cities");
        assertThat(catalogue.normalise("AI")).hasValue("artificial-intelligence");
        assertThat(catalogue.normalise("GenAI")).hasValue("generative-ai");
        assertThat(catalogue.normalise("Cyber Security")).hasValue("cybersecurity");
        assertThat(catalogue.normalise("data analytic")).hasValue("data-analytics");
        assertThat(catalogue.normalise("data analyst")).isEmpty();
        assertThat(catalogue.normalise("Data Analytics")).hasValue("data-analytics");
        assertThat(catalogue.normalise("Healthcare")).hasValue("healthcare");
        assertThat(catalogue.normalise("Workforce Skill")).hasValue("workforce-skills");
    }

    @Test
    void rejectsUnknownAndBlank() {
        assertThat(catalogue.normalise("quantum basket weaving")).isEmpty();
        assertThat(catalogue.normalise("")).isEmpty();
        assertThat(catalogue.normalise(null)).isEmpty();
    }

    @Test
    void suggestsClosestSlugsForTypos() {
        assertThat(catalogue.closest("smart-citis", 3)).first().isEqualTo("smart-cities");
        assertThat(catalogue.closest("cybersecurty", 3)).first().isEqualTo("cybersecurity");
        assertThat(catalogue.closest("helthcare", 3)).first().isEqualTo("healthcare");
        assertThat(catalogue.closest("anything at all", 3)).hasSize(3).allSatisfy(s -> assertThat(catalogue.isSlug(s)).isTrue());
    }

    @Test
    void normaliseAllKeepsFirstOccurrenceOrder() {
        assertThat(catalogue.normaliseAll(List.of("Transport", "smart city", "transportation", "nonsense")))
                .containsExactly("transport", "smart-cities");
    }
}
