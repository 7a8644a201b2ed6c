package io.innoleap.matcher.ranking;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The parts of a problem statement the ranking needs. {@code open} is false for any status other
 * than OPEN; such a problem is kept out of every candidate pair.
 */
public record ProblemDoc(UUID id, String title, String description, Set<String> themes,
                         Horizon horizon, boolean open) {

    public ProblemDoc {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        themes = Set.copyOf(themes);
        horizon = horizon == null ? Horizon.LONG_TERM : horizon;
    }

    /** The text that is analysed and embedded. */
    public String text() {
        return title + ". " + description;
    }
}
