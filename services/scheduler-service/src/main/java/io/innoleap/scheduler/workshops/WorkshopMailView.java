package io.innoleap.scheduler.workshops;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;
import io.innoleap.scheduler.readmodel.RankedProvider;
import io.innoleap.scheduler.workshops.domain.WorkshopParticipant;
import io.innoleap.scheduler.workshops.domain.WorkshopPlan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** A thematic workshop as its invitation shows it: agencies with their statements, and invited providers. */
public record WorkshopMailView(UUID workshopId, String theme, Instant startsAt, Instant endsAt, String venue,
                               List<ParticipatingAgency> agencies, List<InvitedProvider> providers) {

    /** An agency with the titles it brings and the contacts of those statements. */
    public record ParticipatingAgency(Agency agency, List<String> problemTitles, List<Contact> contacts) {
        public ParticipatingAgency {
            problemTitles = List.copyOf(problemTitles);
            contacts = List.copyOf(contacts);
        }
    }

    /** An invited provider; {@code contact} may be null when the read model has none. */
    public record InvitedProvider(String organisationName, Contact contact) {
    }

    public WorkshopMailView {
        Objects.requireNonNull(workshopId, "workshopId");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        agencies = List.copyOf(agencies);
        providers = List.copyOf(providers);
    }

    /** Builds the view from a plan; provider contacts come from the read model by profile id. */
    public static WorkshopMailView of(UUID workshopId, WorkshopPlan plan, Map<UUID, Contact> providerContacts) {
        return of(workshopId, plan.theme(), plan.startsAt(), plan.endsAt(), plan.venue(), plan.participants(),
                plan.invitedProviders(), providerContacts);
    }

    /** The invitation to a booked workshop: its agencies (with their statements' contacts) and invited providers. */
    public static WorkshopMailView of(UUID workshopId, String theme, Instant startsAt, Instant endsAt, String venue,
                                      List<WorkshopParticipant> participants, List<RankedProvider> invited,
                                      Map<UUID, Contact> providerContacts) {
        List<ParticipatingAgency> agencies = participants.stream().map(WorkshopMailView::agencyOf).toList();
        List<InvitedProvider> providers = invited.stream()
                .map(p -> new InvitedProvider(p.organisationName(), providerContacts.get(p.solutionProfileId())))
                .toList();
        return new WorkshopMailView(workshopId, theme, startsAt, endsAt, venue, agencies, providers);
    }

    private static ParticipatingAgency agencyOf(WorkshopParticipant p) {
        return new ParticipatingAgency(p.agency(),
                p.problemStatements().stream().map(OpenProblemStatement::title).toList(),
                distinct(p.problemStatements().stream().map(OpenProblemStatement::contact).filter(Objects::nonNull).toList()));
    }

    /** Everyone invited: agency contacts, then provider contacts, each email once. */
    public List<Contact> recipients() {
        List<Contact> all = new java.util.ArrayList<>();
        agencies.forEach(a -> all.addAll(a.contacts()));
        providers.stream().map(InvitedProvider::contact).filter(Objects::nonNull).forEach(all::add);
        return distinct(all);
    }

    private static List<Contact> distinct(List<Contact> contacts) {
        Map<String, Contact> byEmail = new LinkedHashMap<>();
        contacts.forEach(c -> byEmail.putIfAbsent(c.email().strip().toLowerCase(Locale.ROOT), c));
        return List.copyOf(byEmail.values());
    }
}
