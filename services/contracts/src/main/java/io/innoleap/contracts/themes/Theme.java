package io.innoleap.contracts.themes;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One entry of the closed theme catalogue. */
@Serdeable
public record Theme(String slug, String name, String description, List<String> synonyms) {
    public Theme {
        synonyms = List.copyOf(synonyms);
    }
}
