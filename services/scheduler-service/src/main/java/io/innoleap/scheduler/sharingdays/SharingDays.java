package io.innoleap.scheduler.sharingdays;

import io.innoleap.scheduler.sharingdays.api.SharingDayRequestBody;
import io.innoleap.scheduler.sharingdays.store.SharingDayCalendarLock;
import io.innoleap.scheduler.sharingdays.store.SharingDayEntity;
import io.innoleap.scheduler.sharingdays.store.SharingDayRepository;

import io.innoleap.contracts.events.BookingSnapshot;
import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.notifications.ChangeMails;
import io.innoleap.scheduler.notifications.MailOutbox;
import io.innoleap.scheduler.notifications.Reminder;
import io.innoleap.scheduler.programme.store.DatabaseErrors;
import io.innoleap.scheduler.readmodel.ProblemStatement;
import io.innoleap.contracts.themes.ThemeCatalogue;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.sharingdays.domain.Audience;
import io.innoleap.scheduler.programme.domain.FieldError;
import io.innoleap.scheduler.programme.domain.InvalidRequestException;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;
import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.sharingdays.domain.PresenterCalendar;
import io.innoleap.scheduler.sharingdays.domain.SharingDayAgenda;
import io.innoleap.scheduler.sharingdays.domain.SharingDayPlanner;
import io.innoleap.scheduler.sharingdays.domain.SharingDayRequest;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.sharingdays.api.SharingDayAudience;
import io.innoleap.scheduler.sharingdays.api.SharingDayViews.Block;
import io.innoleap.scheduler.sharingdays.api.SharingDayViews.Presenter;
import io.innoleap.scheduler.sharingdays.api.SharingDayViews.SharingDay;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.Page;
import io.innoleap.servicekit.api.PageRequest;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.outbox.Outbox;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.themes.ThemeSlugValidator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sharing days: the agenda is built from the read model (the audience's open statements on the
 * theme and their matches), stored, and announced with {@code SharingDayScheduled} in one
 * transaction.
 */
@Singleton
public class SharingDays {

    private static final String WHAT = "Sharing day";

    private final SharingDayRepository repository;
    private final ReadModel readModel;
    private final SharingDayPlanner planner;
    private final ProgrammeCalendar calendar;
    private final Outbox outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;
    private final SharingDayMails mails;
    private final ChangeMails changeMails;
    private final MailOutbox mailOutbox;
    private final SharingDayCalendarLock days;
    private final ThemeCatalogue themes = ThemeCatalogue.standard();

    public SharingDays(SharingDayRepository repository, ReadModel readModel, SharingDayPlanner planner,
                       ProgrammeCalendar calendar, Outbox outbox, IdempotencyKeys idempotencyKeys, Clock clock,
                       SharingDayMails mails, ChangeMails changeMails, MailOutbox mailOutbox, SharingDayCalendarLock days) {
        this.days = days;
        this.mails = mails;
        this.changeMails = changeMails;
        this.mailOutbox = mailOutbox;
        this.repository = repository;
        this.readModel = readModel;
        this.planner = planner;
        this.calendar = calendar;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
    }

    /** Schedules a sharing day; with an Idempotency-Key, a retry answers the sharing day the first request made. */
    @Transactional
    public SharingDay schedule(Caller caller, @Nullable String idempotencyKey, SharingDayRequestBody body) {
        return idempotencyKeys.create(caller.sub(), "POST /api/sharing-days", idempotencyKey, body,
                () -> schedule(body), d -> d.id().toString(), id -> get(UUID.fromString(id))).resource();
    }

    private SharingDay schedule(SharingDayRequestBody body) {
        String theme = themes.normalise(body.theme())
                .orElseThrow(() -> ApiException.badRequest("theme", ThemeSlugValidator.unknownThemeMessage(themes, body.theme())));
        LocalDate date = LocalDate.parse(body.date().strip());
        LocalTime startTime = LocalTime.parse(body.startTime().strip());
        Audience audience;
        try {
            audience = Audience.of(body.audience().agencyCodes(), body.audience().domain());
        } catch (InvalidRequestException badAudience) {
            throw withOtherFieldErrors(badAudience, new SharingDayRequest(theme, null, date, startTime,
                    body.presentationMinutes(), body.consultationMinutes(), body.maxPresenters()));
        }
        SharingDayRequest request = new SharingDayRequest(theme, audience, date, startTime, body.presentationMinutes(),
                body.consultationMinutes(), body.maxPresenters());
        List<OpenProblemStatement> open = readModel.openProblemStatements();
        List<UUID> audienceStatements = open.stream().filter(s -> s.isOn(theme) && audience.includes(s.agency()))
                .map(OpenProblemStatement::id).toList();
        days.hold(date); // until commit: this day's presenters are decided by one request at a time
        SharingDayAgenda agenda = planner.build(request, open, readModel.matchesFor(audienceStatements),
                presentersBookedOn(date, null));

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String venue = body.venue() == null || body.venue().isBlank() ? null : body.venue().strip();
        SharingDayEntity entity = saveHoldingVenue(() -> repository.save(new SharingDayEntity(UUID.randomUUID(), theme,
                SharingDayEntity.STATUS_SCHEDULED,
                audience instanceof Audience.AgencyCodes codes ? List.copyOf(codes.codes()) : null,
                audience instanceof Audience.Domain domain ? domain.domain() : null,
                agenda.date(), agenda.startsAt().toInstant(), agenda.endsAt().toInstant(),
                request.presentationMinutes(), request.consultationMinutes(), request.maxPresenters(),
                agenda.presenters().stream().map(p -> new Presenter(p.order(), p.solutionProfileId(), p.organisationName(),
                        p.matchScore(), p.startsAt(), p.endsAt())).toList(),
                agenda.consultation().startsAt().toInstant(), agenda.consultation().endsAt().toInstant(),
                agenda.agencyCodes(), agenda.problemStatementIds().stream().map(UUID::toString).toList(),
                agenda.presentersLeftOutForTime(), 0, now, now, venue, SharingDayEntity.venueKey(venue), null)), venue, date);
        outbox.append(Topics.BOOKINGS, entity.id().toString(), BookingSnapshot.SHARING_DAY_SCHEDULED, snapshot(entity));
        invite(entity);
        return view(entity);
    }

    /** Each presenter: their own slot; the audience agencies' contacts: the whole day. */
    private void invite(SharingDayEntity d) {
        Map<UUID, Contact> presenters = presenterContacts(d);
        for (Presenter p : d.presenters()) {
            Contact contact = presenters.get(p.solutionProfileId());
            if (contact != null) {
                mailOutbox.enqueue(List.of(contact.email()), mails.presenterInvitation(d, p, contact, d.updatedAt()));
            }
        }
        List<Contact> audience = audienceContacts(d);
        if (!audience.isEmpty()) {
            mailOutbox.enqueue(audience.stream().map(Contact::email).toList(), mails.audienceInvitation(d, audience, d.updatedAt()));
        }
    }

    /**
     * Moves the whole agenda (date, start time, venue) with the version the client read: the new date
     * and start pass the scheduling rules (a future weekday, not a public holiday, the agenda ends by
     * the end of the day), the venue is free that day. Presenters get their moved slot and the audience
     * the moved day as updates of the events they hold; {@code SharingDayRescheduled} is published.
     */
    @Transactional
    public SharingDay reschedule(UUID id, SharingDayRequestBody.Reschedule body) {
        SharingDayEntity current = repository.findByIdForUpdate(id).orElseThrow(() -> ApiException.notFound(WHAT, id));
        ApiException.requireCurrentVersion(WHAT, body.version(), current.version());
        requireChangeable(current, "rescheduled");
        var zone = calendar.zone();
        LocalDate date = body.date() == null ? current.localDate() : LocalDate.parse(body.date().strip());
        LocalTime start = body.startTime() == null ? current.startsAt().atZone(zone).toLocalTime()
                : LocalTime.parse(body.startTime().strip());
        String venue = body.venue() == null || body.venue().isBlank() ? current.venue() : body.venue().strip();
        Instant newStart = date.atTime(start).atZone(zone).toInstant();
        if (newStart.equals(current.startsAt()) && java.util.Objects.equals(venue, current.venue())) {
            return view(current);
        }
        Audience audience = Audience.of(current.audienceAgencyCodes(), current.audienceDomain());
        planner.validateMove(new SharingDayRequest(current.theme(), audience, date, start, current.presentationMinutes(),
                current.consultationMinutes(), current.maxPresenters()),
                java.time.Duration.between(current.startsAt(), current.consultationEndsAt()).toMinutes());

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SharingDayEntity candidate = current.moved(date, java.time.Duration.between(current.startsAt(), newStart), venue, now);
        days.hold(date);
        PresenterCalendar elsewhere = presentersBookedOn(date, id);
        for (Presenter p : candidate.presenters()) {
            elsewhere.clash(p.solutionProfileId(), p.startsAt(), p.endsAt()).ifPresent(clash -> {
                throw ApiException.conflict("The move would give " + p.organisationName() + " two slots at once: its "
                        + "slot here would be " + slotTime(p.startsAt(), p.endsAt()) + ", and " + clash
                        + "; a presenter is never in two slots that overlap");
            });
        }
        SharingDayEntity moved = saveHoldingVenue(() -> repository.update(candidate), venue, date);
        outbox.append(Topics.BOOKINGS, id.toString(), BookingSnapshot.SHARING_DAY_RESCHEDULED, snapshot(moved));
        mailOutbox.withdraw(Reminder.keyPrefix(reminderKey(id)));
        Map<UUID, Contact> presenters = presenterContacts(moved);
        for (int i = 0; i < moved.presenters().size(); i++) {
            Presenter before = current.presenters().get(i);
            Presenter after = moved.presenters().get(i);
            Contact contact = presenters.get(after.solutionProfileId());
            if (contact != null) {
                mailOutbox.enqueue(List.of(contact.email()), changeMails.rescheduled(mails.slotEvent(moved, after, contact),
                        before.startsAt().toInstant(), before.endsAt().toInstant(), SharingDayMails.venue(current), now));
            }
        }
        List<Contact> audienceContacts = audienceContacts(moved);
        if (!audienceContacts.isEmpty()) {
            mailOutbox.enqueue(audienceContacts.stream().map(Contact::email).toList(), changeMails.rescheduled(
                    mails.dayEvent(moved, audienceContacts), current.startsAt(), current.consultationEndsAt(),
                    SharingDayMails.venue(current), now));
        }
        return view(moved);
    }

    /**
     * Cancels a sharing day that has not started: CANCELLED with the reason, the venue free again that
     * day, METHOD:CANCEL updates to the presenters (their slot) and the audience (the day);
     * {@code SharingDayCancelled} is published.
     */
    @Transactional
    public SharingDay cancel(UUID id, String reason) {
        SharingDayEntity current = repository.findByIdForUpdate(id).orElseThrow(() -> ApiException.notFound(WHAT, id));
        requireChangeable(current, "cancelled");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SharingDayEntity cancelled = repository.update(current.cancelled(reason.strip(), now));
        outbox.append(Topics.BOOKINGS, id.toString(), BookingSnapshot.SHARING_DAY_CANCELLED, snapshot(cancelled));
        mailOutbox.withdraw(Reminder.keyPrefix(reminderKey(id)));
        Map<UUID, Contact> presenters = presenterContacts(cancelled);
        for (Presenter p : cancelled.presenters()) {
            Contact contact = presenters.get(p.solutionProfileId());
            if (contact != null) {
                mailOutbox.enqueue(List.of(contact.email()),
                        changeMails.cancelled(mails.slotEvent(cancelled, p, contact), cancelled.cancellationReason(), now));
            }
        }
        List<Contact> audienceContacts = audienceContacts(cancelled);
        if (!audienceContacts.isEmpty()) {
            mailOutbox.enqueue(audienceContacts.stream().map(Contact::email).toList(), changeMails.cancelled(
                    mails.dayEvent(cancelled, audienceContacts), cancelled.cancellationReason(), now));
        }
        return view(cancelled);
    }

    /** Scheduled sharing days starting in {@code (from, to]}, as reminders to presenters and audience. */
    @Transactional(readOnly = true)
    public List<Reminder> remindersBetween(Instant from, Instant to) {
        return repository.findScheduledStartingBetween(from, to).stream().map(d -> {
            List<Contact> everyone = new ArrayList<>(presenterContacts(d).values());
            everyone.addAll(audienceContacts(d));
            return new Reminder(reminderKey(d.id()), d.startsAt(), mails.dayEvent(d, everyone), everyone);
        }).toList();
    }

    static String reminderKey(UUID id) {
        return "sharing-day:" + id;
    }

    private void requireChangeable(SharingDayEntity d, String verb) {
        if (d.isCancelled()) {
            throw ApiException.conflict("Sharing day " + d.id() + " is cancelled and cannot be " + verb);
        }
        if (!d.startsAt().isAfter(clock.instant())) {
            throw ApiException.conflict("Sharing day " + d.id() + " has already started and cannot be " + verb);
        }
    }

    /** The unique index on venue and day decides; its violation is a 409 naming both. */
    private SharingDayEntity saveHoldingVenue(java.util.function.Supplier<SharingDayEntity> save, String venue, LocalDate date) {
        try {
            return save.get();
        } catch (RuntimeException e) {
            if (DatabaseErrors.isDuplicateKey(e, SharingDayEntity.VENUE_DAY_INDEX)) {
                throw ApiException.conflict("Another sharing day is at " + venue + " on " + date
                        + "; one sharing day per venue and day");
            }
            throw e;
        }
    }

    /** The slots presenters hold on {@code date} at scheduled sharing days other than {@code except}. */
    private PresenterCalendar presentersBookedOn(LocalDate date, @Nullable UUID except) {
        List<SharingDayEntity> sameDay = repository.findScheduledOn(date).stream()
                .filter(d -> !d.id().equals(except)).toList();
        return (profile, start, end) -> sameDay.stream().flatMap(d -> d.presenters().stream()
                        .filter(p -> p.solutionProfileId().equals(profile) && p.startsAt().isBefore(end)
                                && start.isBefore(p.endsAt()))
                        .map(p -> "it presents at sharing day " + d.id() + " on " + d.theme() + " from "
                                + slotTime(p.startsAt(), p.endsAt())))
                .findFirst();
    }

    private String slotTime(java.time.OffsetDateTime start, java.time.OffsetDateTime end) {
        var zone = calendar.zone();
        return start.atZoneSameInstant(zone).toLocalTime() + " to " + end.atZoneSameInstant(zone).toLocalTime()
                + " on " + start.atZoneSameInstant(zone).toLocalDate();
    }

    private Map<UUID, Contact> presenterContacts(SharingDayEntity d) {
        return readModel.providerContacts(d.presenters().stream().map(Presenter::solutionProfileId).toList());
    }

    /** The contacts of the audience's statements the agenda was built for, each email once. */
    private List<Contact> audienceContacts(SharingDayEntity d) {
        Map<String, Contact> byEmail = new java.util.LinkedHashMap<>();
        for (String statementId : d.problemStatementIds()) {
            readModel.problemStatement(UUID.fromString(statementId)).map(ProblemStatement::contact)
                    .filter(c -> c.email() != null && !c.email().isBlank())
                    .ifPresent(c -> byEmail.putIfAbsent(c.email().strip().toLowerCase(java.util.Locale.ROOT), c));
        }
        return List.copyOf(byEmail.values());
    }

    /** A bad audience and, say, a Saturday date are reported together: every failing field in one 400. */
    private InvalidRequestException withOtherFieldErrors(InvalidRequestException badAudience, SharingDayRequest withoutAudience) {
        List<FieldError> errors = new ArrayList<>(badAudience.errors());
        try {
            planner.build(withoutAudience, List.of(), Map.of());
        } catch (InvalidRequestException others) {
            others.errors().stream().filter(e -> !e.field().equals("audience")).forEach(errors::add);
        }
        return new InvalidRequestException(errors);
    }

    @Transactional(readOnly = true)
    public SharingDay get(UUID id) {
        return repository.findById(id).map(this::view).orElseThrow(() -> ApiException.notFound(WHAT, id));
    }

    @Transactional(readOnly = true)
    public Page<SharingDay> list(@Nullable String theme, @Nullable Integer page, @Nullable Integer size) {
        String slug = null;
        if (theme != null && !theme.isBlank()) {
            slug = themes.normalise(theme).orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST,
                    "The request has invalid fields",
                    List.of(new Problem.FieldError("theme", ThemeSlugValidator.unknownThemeMessage(themes, theme)))));
        }
        return Page.of(repository.list(slug, PageRequest.of(page, size, Sort.UNSORTED)), this::view);
    }

    private SharingDay view(SharingDayEntity e) {
        var zone = calendar.zone();
        return new SharingDay(e.id(), e.theme(), e.status(), e.version(),
                new SharingDayAudience(e.audienceAgencyCodes(), e.audienceDomain()), e.localDate(),
                e.startsAt().atZone(zone).toOffsetDateTime(), e.endsAt().atZone(zone).toOffsetDateTime(),
                e.presentationMinutes(), e.consultationMinutes(), e.maxPresenters(), e.presenters(),
                new Block(e.consultationStartsAt().atZone(zone).toOffsetDateTime(),
                        e.consultationEndsAt().atZone(zone).toOffsetDateTime()),
                e.agencyCodes(), e.problemStatementIds().stream().map(UUID::fromString).toList(),
                e.presentersLeftOutForTime(), e.venue(), e.cancellationReason(), e.createdAt(), e.updatedAt());
    }

    static BookingSnapshot snapshot(SharingDayEntity e) {
        return new BookingSnapshot(e.id(), BookingSnapshot.Kind.SHARING_DAY, e.status(), e.version(), e.theme(),
                e.startsAt(), e.endsAt(), e.venue(), e.agencyCodes(),
                e.problemStatementIds().stream().map(UUID::fromString).toList(), null,
                e.presenters().stream().map(p -> new BookingSnapshot.Participant(p.solutionProfileId(), p.organisationName(),
                        p.startsAt().toInstant(), p.endsAt().toInstant())).toList(),
                null, e.createdAt(), e.updatedAt(), e.cancellationReason());
    }
}
