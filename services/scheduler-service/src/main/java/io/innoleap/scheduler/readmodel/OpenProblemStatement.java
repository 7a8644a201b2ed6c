package io.innoleap.scheduler.readmodel;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.Horizon;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An OPEN problem statement as the scheduler's read model holds it. Callers pass only OPEN ones:
 * statements in discussion, piloting or closed are no longer unmet demand.
 */
public record OpenProblemStatement(UUID id, Agency agency, Set<String> themes, Horizon horizon,
                                   String title, Contact contact) {
    public OpenProblemStatement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(title, "title");
        themes = Set.copyOf(themes);
    }

    public boolean isOn(String theme) {
        return themes.contains(theme);
    }

    /** The agency's code as agencies are compared everywhere: trimmed, upper case. */
    public String agencyCode() {
        return agency.code().strip().toUpperCase(Locale.ROOT);
    }
}
