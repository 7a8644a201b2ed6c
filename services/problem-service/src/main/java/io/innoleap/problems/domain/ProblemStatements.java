package io.innoleap.problems.domain;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.themes.ThemeCatalogue;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.problems.api.ProblemStatementRequest;
import io.innoleap.problems.store.ProblemStatementEntity;
import io.innoleap.problems.store.ProblemStatementRepository;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.PageRequest;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.outbox.Outbox;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.themes.ThemeFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * The rules of a problem statement's life: created OPEN, changed only with the version last read,
 * CLOSED for good once withdrawn or closed. A statement belongs to the agency named when it was
 * published: only that agency's officers (or the programme office) may change it. Every accepted
 * change stores the statement and its event in one transaction.
 */
@Singleton
public class ProblemStatements {

    private static final String WHAT = "Problem statement";

    private final ProblemStatementRepository repository;
    private final Outbox outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;
    private final ThemeCatalogue themes = ThemeCatalogue.standard();

    public ProblemStatements(ProblemStatementRepository repository, Outbox outbox, IdempotencyKeys idempotencyKeys,
                             Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
    }

    /**
     * Publishes a statement for the agency the body names, which an agency officer's token must
     * name too. With an Idempotency-Key, a retry returns the statement the first request created.
     */
    @Transactional
    public ProblemStatementSnapshot publish(Caller caller, @Nullable String idempotencyKey, ProblemStatementRequest request) {
        String agency = request.agency().code().trim().toUpperCase(Locale.ROOT);
        if (!caller.actsFor(agency)) {
            throw Caller.forbidden("You may publish problem statements for agency " + caller.agency() + " only, not " + agency);
        }
        return idempotencyKeys.create(caller.sub(), "POST /api/problem-statements", idempotencyKey, request, () -> {
            Instant now = now();
            ProblemStatementEntity entity = repository.save(toEntity(UUID.randomUUID(), agency, request,
                    ProblemStatementStatus.OPEN, 0, now, now));
            return record(entity, ProblemStatementSnapshot.PUBLISHED);
        }, s -> s.id().toString(), id -> get(UUID.fromString(id))).resource();
    }

    @Transactional
    public ProblemStatementSnapshot update(Caller caller, UUID id, ProblemStatementRequest request) {
        ProblemStatementEntity current = ownedForUpdate(caller, id);
        ApiException.requireCurrentVersion(WHAT, request.version(), current.version());
        if (current.status() == ProblemStatementStatus.CLOSED) {
            throw ApiException.conflict("Problem statement " + id + " is CLOSED and can no longer be changed");
        }
        ProblemStatementStatus status = request.status() == null ? current.status() : request.status();
        ProblemStatementEntity updated = repository.update(toEntity(id, current.agencyCode(), request, status,
                current.version(), current.createdAt(), now()));
        return record(updated, status == ProblemStatementStatus.CLOSED
                ? ProblemStatementSnapshot.CLOSED : ProblemStatementSnapshot.UPDATED);
    }

    /** Closes the statement; withdrawing a closed one again changes nothing and publishes nothing. */
    @Transactional
    public ProblemStatementSnapshot withdraw(Caller caller, UUID id) {
        ProblemStatementEntity current = ownedForUpdate(caller, id);
        if (current.status() == ProblemStatementStatus.CLOSED) {
            return snapshot(current);
        }
        ProblemStatementEntity closed = repository.update(new ProblemStatementEntity(current.id(), current.agencyCode(),
                current.agencyName(), current.agencyDomain(), current.title(), current.description(), current.themes(),
                current.horizon(), current.contactName(), current.contactEmail(), ProblemStatementStatus.CLOSED,
                current.version(), current.createdAt(), now()));
        return record(closed, ProblemStatementSnapshot.CLOSED);
    }

    @Transactional(readOnly = true)
    public ProblemStatementSnapshot get(UUID id) {
        return repository.findById(id).map(ProblemStatements::snapshot).orElseThrow(() -> ApiException.notFound(WHAT, id));
    }

    @Transactional(readOnly = true)
    public Page<ProblemStatementSnapshot> list(@Nullable String theme, @Nullable String agency,
                                               @Nullable ProblemStatementStatus status,
                                               @Nullable Integer page, @Nullable Integer size) {
        String themePattern = ThemeFilter.likePattern(theme);
        String agencyCode = agency == null || agency.isBlank() ? null : agency.trim().toUpperCase(Locale.ROOT);
        return repository.search(themePattern, agencyCode, status == null ? null : status.name(),
                PageRequest.of(page, size, Sort.UNSORTED)).map(ProblemStatements::snapshot);
    }

    /** The statement, locked for change, if the caller's agency owns it (or the caller is the programme office). */
    private ProblemStatementEntity ownedForUpdate(Caller caller, UUID id) {
        ProblemStatementEntity current = repository.findByIdForUpdate(id).orElseThrow(() -> ApiException.notFound(WHAT, id));
        if (!caller.actsFor(current.agencyCode())) {
            throw Caller.forbidden("Problem statement " + id + " belongs to agency " + current.agencyCode()
                    + "; only that agency or the programme office may change it");
        }
        return current;
    }

    private ProblemStatementSnapshot record(ProblemStatementEntity entity, String eventType) {
        ProblemStatementSnapshot snapshot = snapshot(entity);
        outbox.append(Topics.PROBLEM_STATEMENTS, entity.id().toString(), eventType, snapshot);
        return snapshot;
    }

    private ProblemStatementEntity toEntity(UUID id, String agencyCode, ProblemStatementRequest r, ProblemStatementStatus status,
                                            long version, Instant createdAt, Instant updatedAt) {
        return new ProblemStatementEntity(id, agencyCode, r.agency().name().trim(),
                r.agency().domain().trim().toLowerCase(Locale.ROOT),
                r.title().trim(), r.description().trim(), themes.normaliseAll(r.themes()), r.horizon(),
                r.contact().name().trim(), r.contact().email().trim().toLowerCase(Locale.ROOT),
                status, version, createdAt, updatedAt);
    }

    public static ProblemStatementSnapshot snapshot(ProblemStatementEntity e) {
        return new ProblemStatementSnapshot(e.id(), new Agency(e.agencyCode(), e.agencyName(), e.agencyDomain()),
                e.title(), e.description(), e.themes(), e.horizon(), new Contact(e.contactName(), e.contactEmail()),
                e.status(), e.version(), e.createdAt(), e.updatedAt());
    }

    /** Microseconds: what DATETIME(6) keeps, so the response equals what a later GET returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
