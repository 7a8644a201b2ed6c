package io.innoleap.scheduler.workshops;

import io.innoleap.scheduler.workshops.api.WorkshopRequests;
import io.innoleap.scheduler.workshops.store.WorkshopCalendarEntity;
import io.innoleap.scheduler.workshops.store.WorkshopEntity;

import io.innoleap.contracts.events.BookingSnapshot;
import io.innoleap.contracts.themes.ThemeCatalogue;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.workshops.domain.DemandRanking;
import io.innoleap.scheduler.workshops.domain.ExistingWorkshop;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;
import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.readmodel.ProviderRanking;
import io.innoleap.scheduler.readmodel.RankedProvider;
import io.innoleap.scheduler.workshops.domain.ValidatedWorkshop;
import io.innoleap.scheduler.workshops.domain.WorkshopBookingRequest;
import io.innoleap.scheduler.workshops.domain.WorkshopBookingRules;
import io.innoleap.scheduler.workshops.domain.WorkshopParticipant;
import io.innoleap.scheduler.workshops.domain.WorkshopPlan;
import io.innoleap.scheduler.workshops.domain.WorkshopPlanRequest;
import io.innoleap.scheduler.workshops.domain.WorkshopPlanner;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.notifications.ChangeMails;
import io.innoleap.scheduler.notifications.MailOutbox;
import io.innoleap.scheduler.notifications.MailSettings;
import io.innoleap.scheduler.notifications.Reminder;
import io.innoleap.scheduler.workshops.store.WorkshopRepositories.WorkshopCalendar;
import io.innoleap.scheduler.workshops.store.WorkshopRepositories.Workshops;
import io.innoleap.scheduler.workshops.api.WorkshopViews.Demand;
import io.innoleap.scheduler.workshops.api.WorkshopViews.DemandList;
import io.innoleap.scheduler.workshops.api.WorkshopViews.InvitedProvider;
import io.innoleap.scheduler.workshops.api.WorkshopViews.Participant;
import io.innoleap.scheduler.workshops.api.WorkshopViews.Statement;
import io.innoleap.scheduler.workshops.api.WorkshopViews.ThemeDemandItem;
import io.innoleap.scheduler.workshops.domain.ThemeDemand;
import io.innoleap.scheduler.workshops.api.WorkshopViews.Workshop;
import io.innoleap.scheduler.programme.api.CancellationRequest;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.Page;
import io.innoleap.servicekit.api.PageRequest;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.outbox.Outbox;
import io.innoleap.servicekit.security.Caller;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final WorkshopMails mails;
    private final MailOutbox mailOutbox;
    private final ChangeMails changeMails;
    private final MailSettings mailSettings;
    private final Outbox outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;
    private final ThemeCatalogue themes = ThemeCatalogue.standard();

    public ThematicWorkshops(Workshops workshops, WorkshopCalendar calendarLock, ReadModel readModel,
                             WorkshopPlanner planner, WorkshopBookingRules bookingRules, ProgrammeCalendar calendar,
                             WorkshopMails mails, MailOutbox mailOutbox, Outbox outbox, IdempotencyKeys idempotencyKeys,
                             Clock clock, ChangeMails changeMails, MailSettings mailSettings) {
        this.changeMails = changeMails;
        this.mailSettings = mailSettings;
        this.workshops = workshops;
        this.calendarLock = calendarLock;
        this.readModel = readModel;
        this.planner = planner;
        this.bookingRules = bookingRules;
        this.calendar = calendar;
        this.mails = mails;
        this.mailOutbox = mailOutbox;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
    }

    /** Themes ranked by unmet demand (open statements, distinct agencies, immediate-operational weight). */
    @Transactional(readOnly = true)
    public DemandList demand() {
        Map<String, UUID> upcoming = new HashMap<>();
        workshops.findUpcoming(clock.instant()).forEach(w -> upcoming.putIfAbsent(w.theme(), w.id()));
        List<ThemeDemand> ranked = DemandRanking.rank(readModel.openProblemStatements());
        List<ThemeDemandItem> items = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            var d = ranked.get(i);
            items.add(new ThemeDemandItem(i + 1, d.theme(), d.openProblemStatements(), d.distinctAgencies(),
                    d.immediateOperational(), d.demandScore(), d.agencyCodes(), upcoming.get(d.theme())));
        }
        return new DemandList(items, 0, items.size(), items.size());
    }

    /** Plans the next workshop; with an Idempotency-Key, a retry answers the workshop the first request planned. */
    @Transactional
    public Workshop plan(Caller caller, @Nullable String idempotencyKey, WorkshopRequests.PlanWorkshop request) {
        return idempotencyKeys.create(caller.sub(), "POST /api/workshops/plan", idempotencyKey, request,
                () -> plan(request), w -> w.id().toString(), id -> get(UUID.fromString(id))).resource();
    }

    private Workshop plan(WorkshopRequests.PlanWorkshop request) {
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
        UUID id = UUID.randomUUID();
        WorkshopMailView mailView = mailView(id, plan.theme(), plan.startsAt(), plan.endsAt(), plan.venue(),
                plan.participants(), plan.invitedProviders());
        WorkshopEntity entity = workshops.save(new WorkshopEntity(id, plan.theme(),
                WorkshopEntity.ORIGIN_PLANNED, WorkshopEntity.STATUS_SCHEDULED, plan.date(), plan.startsAt(), plan.endsAt(),
                plan.durationMinutes(), plan.venue(), plan.capacity(), false,
                new Demand(demand.openProblemStatements(), demand.distinctAgencies(), demand.immediateOperational(),
                        demand.demandScore()),
                participants(plan.participants()), invited(plan.invitedProviders()), 0, now, now,
                mailView.recipients(), null));
        return publishAndInvite(entity, mailView);
    }

    /** Books an explicit workshop; with an Idempotency-Key, a retry answers the workshop the first request booked. */
    @Transactional
    public Workshop book(Caller caller, @Nullable String idempotencyKey, WorkshopRequests.BookWorkshop request) {
        return idempotencyKeys.create(caller.sub(), "POST /api/workshops", idempotencyKey, request,
                () -> book(request), w -> w.id().toString(), id -> get(UUID.fromString(id))).resource();
    }

    private Workshop book(WorkshopRequests.BookWorkshop request) {
        String theme = themes.normalise(request.theme())
                .orElseThrow(() -> ApiException.badRequest("theme", "is not a theme of the catalogue"));
        WorkshopBookingRequest domainRequest = new WorkshopBookingRequest(theme,
                OffsetDateTime.parse(request.startsAt().strip()).toInstant().truncatedTo(ChronoUnit.MICROS),
                request.durationMinutes(),
                request.venue(), request.capacity(), Boolean.TRUE.equals(request.overrideCadence()));
        lockCalendar();
        ValidatedWorkshop valid = bookingRules.validate(domainRequest, existing());

        List<OpenProblemStatement> onTheme = readModel.openProblemStatements().stream().filter(s -> s.isOn(theme)).toList();
        List<WorkshopParticipant> participants = WorkshopParticipant.byAgency(onTheme);
        List<RankedProvider> ranked = ProviderRanking.rank(theme, onTheme, readModel.matchesFor(statementIds(participants)));
        List<RankedProvider> invited = ranked.subList(0, Math.min(valid.capacity(), ranked.size()));

        Instant now = now();
        UUID id = UUID.randomUUID();
        WorkshopMailView mailView = mailView(id, theme, valid.startsAt(), valid.endsAt(), valid.venue(), participants, invited);
        WorkshopEntity entity = workshops.save(new WorkshopEntity(id, theme,
                WorkshopEntity.ORIGIN_EXPLICIT, WorkshopEntity.STATUS_SCHEDULED, valid.date(), valid.startsAt(),
                valid.endsAt(), valid.durationMinutes(), valid.venue(), valid.capacity(), valid.cadenceOverridden(), null,
                participants(participants), invited(invited), 0, now, now, mailView.recipients(), null));
        return publishAndInvite(entity, mailView);
    }

    /**
     * Moves a workshop (time, duration, venue) under the calendar lock: the version must be current, the
     * new date passes the same rules as a booking (weekday, not a holiday, cadence against the other
     * workshops unless {@code overrideCadence}). Everyone invited gets the update with the same UID and
     * a higher SEQUENCE; {@code WorkshopRescheduled} is published. Nothing changes when the request
     * names the current time and venue.
     */
    @Transactional
    public Workshop reschedule(UUID id, WorkshopRequests.RescheduleWorkshop request) {
        lockCalendar();
        WorkshopEntity current = workshops.findByIdForUpdate(id).orElseThrow(() -> ApiException.notFound(WHAT, id));
        ApiException.requireCurrentVersion(WHAT, request.version(), current.version());
        requireChangeable(current, "rescheduled");
        Instant startsAt = OffsetDateTime.parse(request.startsAt().strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
        int duration = request.durationMinutes() == null ? current.durationMinutes() : request.durationMinutes();
        String venue = request.venue() == null || request.venue().isBlank() ? current.venue() : request.venue().strip();
        if (startsAt.equals(current.startsAt()) && duration == current.durationMinutes() && venue.equals(current.venue())) {
            return view(current);
        }
        List<ExistingWorkshop> others = existing().stream().filter(w -> !w.id().equals(id)).toList();
        ValidatedWorkshop valid = bookingRules.validate(new WorkshopBookingRequest(current.theme(), startsAt, duration, venue,
                current.capacity(), Boolean.TRUE.equals(request.overrideCadence())), others);

        WorkshopEntity moved = workshops.update(current.rescheduled(valid.date(), valid.startsAt(), valid.endsAt(),
                valid.durationMinutes(), valid.venue(), valid.cadenceOverridden(), now()));
        outbox.append(Topics.BOOKINGS, id.toString(), BookingSnapshot.WORKSHOP_RESCHEDULED, snapshot(moved));
        mailOutbox.withdraw(Reminder.keyPrefix(reminderKey(id)));
        List<Contact> invitees = invitees(moved);
        if (!invitees.isEmpty()) {
            mailOutbox.enqueue(invitees.stream().map(Contact::email).toList(), changeMails.rescheduled(
                    calendarEvent(moved, invitees), current.startsAt(), current.endsAt(), current.venue(), moved.updatedAt()));
        }
        return view(moved);
    }

    /**
     * Cancels a workshop that has not started: status CANCELLED with the reason, everyone invited gets
     * a METHOD:CANCEL update of the same event, {@code WorkshopCancelled} is published. A cancelled
     * workshop no longer counts for the cadence or for demand.
     */
    @Transactional
    public Workshop cancel(UUID id, CancellationRequest request) {
        lockCalendar();
        WorkshopEntity current = workshops.findByIdForUpdate(id).orElseThrow(() -> ApiException.notFound(WHAT, id));
        requireChangeable(current, "cancelled");
        WorkshopEntity cancelled = workshops.update(current.cancelled(request.reason().strip(), now()));
        outbox.append(Topics.BOOKINGS, id.toString(), BookingSnapshot.WORKSHOP_CANCELLED, snapshot(cancelled));
        mailOutbox.withdraw(Reminder.keyPrefix(reminderKey(id)));
        List<Contact> invitees = invitees(cancelled);
        if (!invitees.isEmpty()) {
            mailOutbox.enqueue(invitees.stream().map(Contact::email).toList(),
                    changeMails.cancelled(calendarEvent(cancelled, invitees), cancelled.cancellationReason(), cancelled.updatedAt()));
        }
        return view(cancelled);
    }

    /** Scheduled workshops starting in {@code (from, to]}, as reminders to everyone invited. */
    @Transactional(readOnly = true)
    public List<Reminder> remindersBetween(Instant from, Instant to) {
        return workshops.findScheduledStartingBetween(from, to).stream().map(w -> {
            List<Contact> invitees = invitees(w);
            return new Reminder(reminderKey(w.id()), w.startsAt(), calendarEvent(w, invitees), invitees);
        }).toList();
    }

    static String reminderKey(UUID id) {
        return "workshop:" + id;
    }

    private void requireChangeable(WorkshopEntity w, String verb) {
        if (w.isCancelled()) {
            throw ApiException.conflict("Workshop " + w.id() + " is cancelled and cannot be " + verb);
        }
        if (!w.startsAt().isAfter(clock.instant())) {
            throw ApiException.conflict("Workshop " + w.id() + " has already started and cannot be " + verb);
        }
    }

    /** Who the invitation went to; for workshops booked before invitees were kept, the current contacts. */
    private List<Contact> invitees(WorkshopEntity w) {
        if (w.invitees() != null) {
            return w.invitees();
        }
        List<Contact> contacts = new ArrayList<>();
        (w.participants() == null ? List.<Participant>of() : w.participants()).stream()
                .flatMap(p -> p.problemStatements().stream())
                .forEach(st -> readModel.problemStatement(st.id()).map(ps -> ps.contact()).ifPresent(contacts::add));
        contacts.addAll(readModel.providerContacts((w.invitedProviders() == null ? List.<InvitedProvider>of()
                : w.invitedProviders()).stream().map(InvitedProvider::solutionProfileId).toList()).values());
        Map<String, Contact> distinct = new java.util.LinkedHashMap<>();
        contacts.stream().filter(c -> c != null && c.email() != null)
                .forEach(c -> distinct.putIfAbsent(c.email().strip().toLowerCase(java.util.Locale.ROOT), c));
        return List.copyOf(distinct.values());
    }

    /** The workshop as its calendar event: the invitation's UID, SEQUENCE = version (0 for the invitation). */
    private ChangeMails.Booking calendarEvent(WorkshopEntity w, List<Contact> attendees) {
        return new ChangeMails.Booking(WorkshopMails.uid(w.id(), mailSettings), (int) w.version(),
                "thematic workshop on " + w.theme(), "workshop-" + w.id() + ".ics", w.startsAt(), w.endsAt(), w.venue(),
                attendees);
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

    private WorkshopMailView mailView(UUID id, String theme, Instant startsAt, Instant endsAt, String venue,
                                      List<WorkshopParticipant> participants, List<RankedProvider> invited) {
        Map<UUID, Contact> providerContacts = readModel.providerContacts(
                invited.stream().map(RankedProvider::solutionProfileId).toList());
        return WorkshopMailView.of(id, theme, startsAt, endsAt, venue, participants, invited, providerContacts);
    }

    private Workshop publishAndInvite(WorkshopEntity entity, WorkshopMailView mailView) {
        Workshop view = view(entity);
        outbox.append(Topics.BOOKINGS, entity.id().toString(), BookingSnapshot.WORKSHOP_PLANNED, snapshot(entity));
        List<String> recipients = mailView.recipients().stream().map(Contact::email).toList();
        if (!recipients.isEmpty()) {
            mailOutbox.enqueue(recipients, mails.invitation(mailView, entity.createdAt()));
        }
        return view;
    }

    private static List<UUID> statementIds(List<WorkshopParticipant> participants) {
        return participants.stream().flatMap(p -> p.problemStatements().stream()).map(OpenProblemStatement::id)
                .distinct().toList();
    }

    private static List<Participant> participants(List<WorkshopParticipant> participants) {
        return participants.stream().map(p -> new Participant(
                p.agency(),
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
                e.invitedProviders() == null ? List.of() : e.invitedProviders(), e.cancellationReason(), e.createdAt(),
                e.updatedAt());
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
                null, e.createdAt(), e.updatedAt(), e.cancellationReason());
    }

    /** Microseconds: what DATETIME(6) keeps, so the response equals what a later GET returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
