package io.innoleap.matcher.ranking;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The parts of a solution profile the ranking needs. {@code readinessLevel} is the optional TRL
 * (1..9, null when unknown); {@code active} is false once withdrawn.
 */
public record ProfileDoc(UUID id, String solutionName, String summary, List<String> keywords,
                         Set<String> themes, Integer readinessLevel, boolean active) {

    public ProfileDoc {
        Objects.requireNonNull(id, "id");
        solutionName = solutionName == null ? "" : solutionName;
        summary = summary == null ? "" : summary;
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        themes = Set.copyOf(themes);
    }

    /** Name, summary and keywords: the text BM25 indexes and the main embedding sees. */
    public String text() {
        return keywords.isEmpty()
                ? solutionName + ". " + summary
                : solutionName + ". " + summary + " " + String.join(", ", keywords) + ".";
    }
}
