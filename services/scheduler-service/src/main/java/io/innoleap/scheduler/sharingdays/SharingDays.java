package io.innoleap.scheduler.sharingdays;

import io.innoleap.contracts.events.BookingSnapshot;
import io.innoleap.contracts.themes.ThemeCatalogue;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.domain.Audience;
import io.innoleap.scheduler.domain.FieldError;
import io.innoleap.scheduler.domain.InvalidRequestException;
import io.innoleap.scheduler.domain.OpenProblemStatement;
import io.innoleap.scheduler.domain.ProgrammeCalendar;
import io.innoleap.scheduler.domain.SharingDayAgenda;
import io.innoleap.scheduler.domain.SharingDayPlanner;
import io.innoleap.scheduler.domain.SharingDayRequest;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.sharingdays.SharingDayViews.Block;
import io.innoleap.scheduler.sharingdays.SharingDayViews.Presenter;
import io.innoleap.scheduler.sharingdays.SharingDayViews.SharingDay;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.Page;
import io.innoleap.servicekit.api.PageRequest;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.outbox.Outbox;
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
    private final Clock clock;
    private final ThemeCatalogue themes = ThemeCatalogue.standard();

    public SharingDays(SharingDayRepository repository, ReadModel readModel, SharingDayPlanner planner,
                       ProgrammeCalendar calendar, Outbox outbox, Clock clock) {
        this.repository = repository;
        this.readModel = readModel;
        this.planner = planner;
        this.calendar = calendar;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public SharingDay schedule(SharingDayRequestBody body) {
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
        SharingDayAgenda agenda = planner.build(request, open, readModel.matchesFor(audienceStatements));

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SharingDayEntity entity = repository.save(new SharingDayEntity(UUID.randomUUID(), theme,
                SharingDayEntity.STATUS_SCHEDULED,
                audience instanceof Audience.AgencyCodes codes ? List.copyOf(codes.codes()) : null,
                audience instanceof Audience.Domain domain ? domain.domain() : null,
                agenda.date(), agenda.startsAt().toInstant(), agenda.endsAt().toInstant(),
                request.presentationMinutes(), request.consultationMinutes(), request.maxPresenters(),
                agenda.presenters().stream().map(p -> new Presenter(p.order(), p.solutionProfileId(), p.organisationName(),
                        p.matchScore(), p.startsAt(), p.endsAt())).toList(),
                agenda.consultation().startsAt().toInstant(), agenda.consultation().endsAt().toInstant(),
                agenda.agencyCodes(), agenda.problemStatementIds().stream().map(UUID::toString).toList(),
                agenda.presentersLeftOutForTime(), 0, now, now));
        outbox.append(Topics.BOOKINGS, entity.id().toString(), BookingSnapshot.SHARING_DAY_SCHEDULED, snapshot(entity));
        return view(entity);
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
                new SharingDayViews.Audience(e.audienceAgencyCodes(), e.audienceDomain()), e.localDate(),
                e.startsAt().atZone(zone).toOffsetDateTime(), e.endsAt().atZone(zone).toOffsetDateTime(),
                e.presentationMinutes(), e.consultationMinutes(), e.maxPresenters(), e.presenters(),
                new Block(e.consultationStartsAt().atZone(zone).toOffsetDateTime(),
                        e.consultationEndsAt().atZone(zone).toOffsetDateTime()),
                e.agencyCodes(), e.problemStatementIds().stream().map(UUID::fromString).toList(),
                e.presentersLeftOutForTime(), e.createdAt(), e.updatedAt());
    }

    static BookingSnapshot snapshot(SharingDayEntity e) {
        return new BookingSnapshot(e.id(), BookingSnapshot.Kind.SHARING_DAY, e.status(), e.version(), e.theme(),
                e.startsAt(), e.endsAt(), null, e.agencyCodes(),
                e.problemStatementIds().stream().map(UUID::fromString).toList(), null,
                e.presenters().stream().map(p -> new BookingSnapshot.Participant(p.solutionProfileId(), p.organisationName(),
                        p.startsAt().toInstant(), p.endsAt().toInstant())).toList(),
                null, e.createdAt(), e.updatedAt());
    }
}
