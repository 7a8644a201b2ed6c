package io.innoleap.scheduler.sharingdays.domain;

import io.innoleap.contracts.events.Agency;
import io.innoleap.scheduler.programme.domain.FieldErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Who a sharing day is for: named agencies, or every agency of a domain. */
public sealed interface Audience {

    boolean includes(Agency agency);

    /** Agencies by code (compared case-insensitively). */
    record AgencyCodes(Set<String> codes) implements Audience {
        public AgencyCodes {
            TreeSet<String> normalised = new TreeSet<>();
            codes.forEach(c -> normalised.add(c.strip().toUpperCase(Locale.ROOT)));
            codes = java.util.Collections.unmodifiableSet(normalised);
        }

        @Override
        public boolean includes(Agency agency) {
            return codes.contains(agency.code().strip().toUpperCase(Locale.ROOT));
        }
    }

    /** Every agency whose domain matches (case-insensitively). */
    record Domain(String domain) implements Audience {
        public Domain {
            domain = domain.strip().toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean includes(Agency agency) {
            return agency.domain() != null && agency.domain().strip().toLowerCase(Locale.ROOT).equals(domain);
        }
    }

    /**
     * Builds an audience from the request's two alternatives: exactly one of a non-empty
     * {@code agencyCodes} (1..50 codes, each 1..20 characters) or a non-blank {@code domain}.
     * Throws {@link InvalidRequestException} otherwise.
     */
    static Audience of(List<String> agencyCodes, String domain) {
        boolean hasCodes = agencyCodes != null && !agencyCodes.isEmpty();
        boolean hasDomain = domain != null && !domain.isBlank();
        FieldErrors errors = new FieldErrors();
        if (hasCodes == hasDomain) {
            errors.add("audience", "give exactly one of agencyCodes (non-empty) or domain");
        } else if (hasCodes) {
            if (agencyCodes.size() > 50) {
                errors.add("audience.agencyCodes", "at most 50 agency codes");
            }
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < agencyCodes.size(); i++) {
                String c = agencyCodes.get(i);
                if (c == null || c.isBlank() || c.strip().length() > 20) {
                    errors.add("audience.agencyCodes[" + i + "]", "must be 1 to 20 characters");
                } else {
                    codes.add(c);
                }
            }
            errors.throwIfAny();
            return new AgencyCodes(Set.copyOf(codes));
        } else if (domain.strip().length() > 100) {
            errors.add("audience.domain", "must be 1 to 100 characters");
        }
        errors.throwIfAny();
        return new Domain(domain);
    }
}
