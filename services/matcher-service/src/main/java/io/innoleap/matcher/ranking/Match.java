package io.innoleap.matcher.ranking;

import java.util.List;
import java.util.UUID;

/**
 * One ranked pair with its explanation: the themes both sides declare and the problem's words
 * that the profile also uses, strongest BM25 contribution first.
 */
public record Match(UUID problemId, UUID profileId, double score, List<String> sharedThemes,
                    List<String> matchedTerms) {

    public Match {
        sharedThemes = List.copyOf(sharedThemes);
        matchedTerms = List.copyOf(matchedTerms);
    }
}
