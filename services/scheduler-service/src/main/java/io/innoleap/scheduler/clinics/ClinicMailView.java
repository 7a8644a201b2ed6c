package io.innoleap.scheduler.clinics;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.clinics.domain.Coordinator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A clinic as its emails and confirmation page show it. {@code location} may be null (the
 * coordinator sends the meeting details); {@code agencyContact} is the problem statement's contact.
 */
public record ClinicMailView(UUID clinicId, String problemTitle, Agency agency, Contact agencyContact,
                             Coordinator coordinator, Instant startsAt, Instant endsAt, String location,
                             List<LinkedCompany> linkedCompanies) {

    /** A provider linked to the clinic; {@code contact} may be null when the read model has none. */
    public record LinkedCompany(String organisationName, Contact contact) {
        public LinkedCompany {
            Objects.requireNonNull(organisationName, "organisationName");
        }
    }

    public ClinicMailView {
        Objects.requireNonNull(clinicId, "clinicId");
        Objects.requireNonNull(problemTitle, "problemTitle");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(coordinator, "coordinator");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        linkedCompanies = List.copyOf(linkedCompanies);
    }

    /** Who gets the "clinic confirmed" email: the agency contact and every linked company contact, each email once. */
    public List<Contact> confirmedRecipients() {
        Map<String, Contact> byEmail = new LinkedHashMap<>();
        List<Contact> all = new ArrayList<>();
        if (agencyContact != null) {
            all.add(agencyContact);
        }
        linkedCompanies.stream().map(LinkedCompany::contact).filter(Objects::nonNull).forEach(all::add);
        all.forEach(c -> byEmail.putIfAbsent(c.email().strip().toLowerCase(Locale.ROOT), c));
        return List.copyOf(byEmail.values());
    }
}
