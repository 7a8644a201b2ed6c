package io.innoleap.scheduler.workshops;

import io.innoleap.contracts.events.BookingSnapshot;
import io.innoleap.contracts.themes.ThemeCatalogue;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.domain.Contact;
import io.innoleap.scheduler.domain.DemandRanking;
import io.innoleap.scheduler.domain.ExistingWorkshop;
import io.innoleap.scheduler.domain.OpenProblemStatement;
import io.innoleap.scheduler.domain.ProgrammeCalendar;
import io.innoleap.scheduler.domain.ProviderMatch;
import io.innoleap.scheduler.domain.ProviderRanking;
import io.innoleap.scheduler.domain.RankedProvider;
import io.innoleap.scheduler.domain.ValidatedWorkshop;
import io.innoleap.scheduler.domain.WorkshopBookingRequest;
import io.innoleap.scheduler.domain.WorkshopBookingRules;
import io.innoleap.scheduler.domain.WorkshopParticipant;
import io.innoleap.scheduler.domain.WorkshopPlan;
import io.innoleap.scheduler.domain.WorkshopPlanRequest;
import io.innoleap.scheduler.domain.WorkshopPlanner;
import io.innoleap.scheduler.mail.SchedulerMails;
import io.innoleap.scheduler.mail.WorkshopMailView;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.readmodel.SolutionProfileView;
import io.innoleap.scheduler.workshops.WorkshopRepositories.WorkshopCalendar;
import io.innoleap.scheduler.workshops.WorkshopRepositories.Workshops;
import io.innoleap.scheduler.workshops.WorkshopViews.Demand;
import io.innoleap.scheduler.workshops.WorkshopViews.DemandList;
import io.innoleap.scheduler.workshops.WorkshopViews.InvitedProvider;
import io.innoleap.scheduler.workshops.WorkshopViews.Participant;
import io.innoleap.scheduler.workshops.WorkshopViews.Statement;
import io.innoleap.scheduler.workshops.WorkshopViews.ThemeDemand;
import io.innoleap.scheduler.workshops.WorkshopViews.Workshop;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.Page;
import io.innoleap.servicekit.api.PageRequest;
import io.innoleap.servicekit.outbox.Outbox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Thematic workshops: demand, planning, explicit booking. Every booking locks the single
 * workshop-calendar row first, then reads the existing workshops and applies the cadence, so two
 * concurrent requests cannot both pass the check; the workshop, its {@code WorkshopPlanned} event
 * and its invitation mails commit together.
 */
@Singleton
public class ThematicWorkshops {

    private static final String WHAT = "Workshop";

    private final Workshops workshops;
    private final WorkshopCalendar calendarLock;
    private final ReadModel readModel;
    private final WorkshopPlanner planner;
    private final WorkshopBookingRules bookingRules;
    private final ProgrammeCalendar calendar;
    private final SchedulerMails mails;
    private final WorkshopInvitations invitations;
    private final Outbox outbox;
    private final Clock clock;
    private final ThemeCatalogue themes = ThemeCatalogue.standard();

    public ThematicWorkshops(Workshops workshops, WorkshopCalendar calendarLock, ReadModel readModel,
                             WorkshopPlanner planner, WorkshopBookingRules bookingRules, ProgrammeCalendar calendar,
                             SchedulerMails mails, WorkshopInvitations invitations, Outbox outbox, Clock clock) {
        this.workshops = workshops;
        this.calendarLock = calendarLock;
        this.readModel = readModel;
        this.planner = planner;
        this.bookingRules = bookingRules;
        this.calendar = calendar;
        this.mails = mails;
        this.invitations = invitations;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Themes ranked by unmet demand (open statements, distinct agencies, immediate-operational weight). */
    @Transactional(readOnly = true)
    public DemandList demand() {
        Map<String, UUID> upcoming = new HashMap<>();
        workshops.findUpcoming(clock.instant()).forEach(w -> upcoming.putIfAbsent(w.theme(), w.id()));
        List<io.innoleap.scheduler.domain.ThemeDemand> ranked = DemandRanking.rank(readModel.openProblemStatements());
        List<ThemeDemand> items = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            var d = ranked.get(i);
            items.add(new ThemeDemand(i + 1, d.theme(), d.openProblemStatements(), d.distinctAgencies(),
                    d.immediateOperational(), d.demandScore(), d.agencyCodes(), upcoming.get(d.theme())));
        }
        return new DemandList(items, 0, items.size(), items.size());
    }

    @Transactional
    public Workshop plan(WorkshopsRequests.PlanWorkshop request) {
        WorkshopPlanRequest domainRequest = new WorkshopPlanRequest(
                request.notBefore() == null ? null : LocalDate.parse(request.notBefore().strip()),
                request.startTime() == null ? null : LocalTime.parse(request.startTime().strip()),
                request.durationMinutes(), request.capacity(), request.venue(),
                Boolean.TRUE.equals(request.overrideCadence()));
        lockCalendar();
        List<ExistingWorkshop> existing = existing();
        List<OpenProblemStatement> open = readModel.openProblemStatements();
        // First pass picks theme, date and participants; matches are then read only for that theme's statements.
        WorkshopPlan draft = planner.plan(domainRequest, existing, open, Map.of());
        WorkshopPlan plan = planner.plan(domainRequest, existing, open, readModel.matchesFor(statementIds(draft.participants())));

        Instant now = now();
        var demand = plan.demand();
        WorkshopEntity entity = workshops.save(new WorkshopEntity(UUID.randomUUID(), plan.theme(),
                WorkshopEntity.ORIGIN_PLANNED, WorkshopEntity.STATUS_SCHEDULED, plan.date(), plan.startsAt(), plan.endsAt(),
                plan.durationMinutes(), plan.venue(), plan.capacity(), false,
                new Demand(demand.openProblemStatements(), demand.distinctAgencies(), demand.immediateOperational(),
                        demand.demandScore()),
                participants(plan.participants()), invited(plan.invitedProviders()), 0, now, now));
        return publishAndInvite(entity, plan.participants(), plan.invitedProviders());
    }

    @Transactional
    public Workshop book(WorkshopsRequests.BookWorkshop request) {
        String theme = themes.normalise(request.theme())
                .orElseThrow(() -> ApiException.badRequest("theme", "is not a theme of the catalogue"));
        WorkshopBookingRequest domainRequest = new WorkshopBookingRequest(theme,
                OffsetDateTime.parse(request.startsAt().strip()).toInstant().truncatedTo(ChronoUnit.MICROS),
                request.durationMinutes(),
                request.venue(), request.capacity(), Boolean.TRUE.equals(request.overrideCadence()));
        lockCalendar();
        ValidatedWorkshop valid = bookingRules.validate(domainRequest, existing());

        List<OpenProblemStatement> onTheme = readModel.openProblemStatements().stream().filter(s -> s.isOn(theme)).toList();
        List<WorkshopParticipant> participants = participantsOf(onTheme);
        List<RankedProvider> ranked = ProviderRanking.rank(theme, onTheme, readModel.matchesFor(statementIds(participants)));
        List<RankedProvider> invited = ranked.subList(0, Math.min(valid.capacity(), ranked.size()));

        Instant now = now();
        WorkshopEntity entity = workshops.save(new WorkshopEntity(UUID.randomUUID(), theme,
                WorkshopEntity.ORIGIN_EXPLICIT, WorkshopEntity.STATUS_SCHEDULED, valid.date(), valid.startsAt(),
                valid.endsAt(), valid.durationMinutes(), valid.venue(), valid.capacity(), valid.cadenceOverridden(), null,
                participants(participants), invited(invited), 0, now, now));
        return publishAndInvite(entity, participants, invited);
    }

    @Transactional(readOnly = true)
    public Workshop get(UUID id) {
        return workshops.findById(id).map(this::view).orElseThrow(() -> ApiException.notFound(WHAT, id));
    }

    @Transactional(readOnly = true)
    public Page<Workshop> list(@Nullable Integer page, @Nullable Integer size) {
        return Page.of(workshops.list(PageRequest.of(page, size, Sort.UNSORTED)), this::view);
    }

    private void lockCalendar() {
        calendarLock.findByIdForUpdate(WorkshopCalendarEntity.THE_CALENDAR)
                .orElseThrow(() -> new IllegalStateException("the workshop_calendar row is missing (migration V10)"));
    }

    private List<ExistingWorkshop> existing() {
        return workshops.findAllInDateOrder().stream()
                .map(w -> new ExistingWorkshop(w.id(), w.theme(), w.startsAt())).toList();
    }

    private Workshop publishAndInvite(WorkshopEntity entity, List<WorkshopParticipant> participants,
                                      List<RankedProvider> invited) {
        Workshop view = view(entity);
        outbox.append(Topics.BOOKINGS, entity.id().toString(), BookingSnapshot.WORKSHOP_PLANNED, snapshot(entity));

        Map<UUID, SolutionProfileView> profiles = readModel.solutionProfiles(
                invited.stream().map(RankedProvider::solutionProfileId).toList());
        Map<UUID, Contact> providerContacts = new HashMap<>();
        profiles.forEach((id, p) -> providerContacts.put(id, new Contact(p.contactName(), p.contactEmail())));
        WorkshopMailView mailView = new WorkshopMailView(entity.id(), entity.theme(), entity.startsAt(), entity.endsAt(),
                entity.venue(), participants.stream().map(ThematicWorkshops::mailAgency).toList(),
                invited.stream().map(p -> new WorkshopMailView.InvitedProvider(p.organisationName(),
                        providerContacts.get(p.solutionProfileId()))).toList());
        List<String> recipients = mailView.recipients().stream().map(Contact::email).toList();
        if (!recipients.isEmpty()) {
            invitations.send(recipients, mails.workshopInvitation(mailView, entity.createdAt()));
        }
        return view;
    }

    private static WorkshopMailView.ParticipatingAgency mailAgency(WorkshopParticipant p) {
        Map<String, Contact> contacts = new LinkedHashMap<>();
        p.problemStatements().stream().map(OpenProblemStatement::contact).filter(Objects::nonNull)
                .forEach(c -> contacts.putIfAbsent(c.email().strip().toLowerCase(Locale.ROOT), c));
        return new WorkshopMailView.ParticipatingAgency(p.agency(),
                p.problemStatements().stream().map(OpenProblemStatement::title).toList(), List.copyOf(contacts.values()));
    }

    /** Agencies (by code) with their statements on the theme, as the planner groups them. */
    static List<WorkshopParticipant> participantsOf(List<OpenProblemStatement> onTheme) {
        Map<String, List<OpenProblemStatement>> byAgency = new TreeMap<>();
        for (OpenProblemStatement s : onTheme) {
            byAgency.computeIfAbsent(s.agency().code().strip().toUpperCase(Locale.ROOT), c -> new ArrayList<>()).add(s);
        }
        List<WorkshopParticipant> out = new ArrayList<>();
        byAgency.forEach((code, statements) -> out.add(new WorkshopParticipant(statements.get(0).agency(),
                statements.stream().distinct().sorted(Comparator.comparing(OpenProblemStatement::title)
                        .thenComparing(OpenProblemStatement::id)).toList())));
        return out;
    }

    private static List<UUID> statementIds(List<WorkshopParticipant> participants) {
        return participants.stream().flatMap(p -> p.problemStatements().stream()).map(OpenProblemStatement::id)
                .distinct().toList();
    }

    private static List<Participant> participants(List<WorkshopParticipant> participants) {
        return participants.stream().map(p -> new Participant(
                new WorkshopViews.Agency(p.agency().code(), p.agency().name(), p.agency().domain()),
                p.problemStatements().stream().map(s -> new Statement(s.id(), s.title(), s.horizon().name())).toList()))
                .toList();
    }

    private static List<InvitedProvider> invited(List<RankedProvider> providers) {
        return providers.stream().map(p -> new InvitedProvider(p.solutionProfileId(), p.organisationName(),
                p.totalScore(), p.matchedProblemStatements())).toList();
    }

    private Workshop view(WorkshopEntity e) {
        return new Workshop(e.id(), e.theme(), e.status(), e.version(), e.origin(), e.localDate(),
                e.startsAt().atZone(calendar.zone()).toOffsetDateTime(), e.endsAt().atZone(calendar.zone()).toOffsetDateTime(),
                e.durationMinutes(), e.venue(), e.capacity(), e.cadenceOverridden(), e.demand(),
                e.participants() == null ? List.of() : e.participants(),
                e.invitedProviders() == null ? List.of() : e.invitedProviders(), e.createdAt(), e.updatedAt());
    }

    static BookingSnapshot snapshot(WorkshopEntity e) {
        List<Participant> participants = e.participants() == null ? List.of() : e.participants();
        return new BookingSnapshot(e.id(), BookingSnapshot.Kind.WORKSHOP, e.status(), e.version(), e.theme(),
                e.startsAt(), e.endsAt(), e.venue(),
                participants.stream().map(p -> p.agency().code()).collect(Collectors.toList()),
                participants.stream().flatMap(p -> p.problemStatements().stream()).map(Statement::id).toList(),
                null,
                (e.invitedProviders() == null ? List.<InvitedProvider>of() : e.invitedProviders()).stream()
                        .map(p -> new BookingSnapshot.Participant(p.solutionProfileId(), p.organisationName(), null, null))
                        .toList(),
                null, e.createdAt(), e.updatedAt());
    }

    /** Microseconds: what DATETIME(6) keeps, so the response equals what a later GET returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
