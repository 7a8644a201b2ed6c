package io.innoleap.solutions.domain;

import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.Organisation;
import io.innoleap.contracts.events.OrganisationType;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.contracts.themes.ThemeCatalogue;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.PageRequest;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.outbox.Outbox;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.themes.ThemeFilter;
import io.innoleap.solutions.api.SolutionProfileRequest;
import io.innoleap.solutions.store.SolutionProfileEntity;
import io.innoleap.solutions.store.SolutionProfileRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of a solution profile's life: registered ACTIVE, changed only with the version last
 * read, WITHDRAWN for good once withdrawn (by {@code withdraw} or by a PUT with that status).
 * Every accepted change stores the profile and its event in one transaction.
 */
@Singleton
public class SolutionProfiles {

    private static final String WHAT = "Solution profile";

    private final SolutionProfileRepository repository;
    private final Outbox outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;
    private final ThemeCatalogue themes = ThemeCatalogue.standard();

    public SolutionProfiles(SolutionProfileRepository repository, Outbox outbox, IdempotencyKeys idempotencyKeys,
                            Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
    }

    /**
     * Registers a profile for the organisation the body names; a provider's token must carry that
     * organisation's UEN. With an Idempotency-Key, a retry returns the profile the first request created.
     */
    @Transactional
    public SolutionProfileSnapshot register(Caller caller, @Nullable String idempotencyKey, SolutionProfileRequest request) {
        String uen = uen(request.organisation().uen());
        if (!caller.isOffice() && (uen == null || !caller.actsForUen(uen))) {
            throw Caller.forbidden("A provider registers profiles for its own organisation only: organisation.uen must be "
                    + caller.uen() + (uen == null ? " (it is missing)" : ", not " + uen));
        }
        return idempotencyKeys.create(caller.sub(), "POST /api/solution-profiles", idempotencyKey, request, () -> {
            Instant now = now();
            SolutionProfileEntity entity = repository.save(toEntity(UUID.randomUUID(), uen, request,
                    SolutionProfileStatus.ACTIVE, 0, now, now));
            return record(entity, SolutionProfileSnapshot.REGISTERED);
        }, s -> s.id().toString(), id -> get(UUID.fromString(id))).resource();
    }

    @Transactional
    public SolutionProfileSnapshot update(Caller caller, UUID id, SolutionProfileRequest request) {
        SolutionProfileEntity current = ownedForUpdate(caller, id);
        ApiException.requireCurrentVersion(WHAT, request.version(), current.version());
        if (current.status() == SolutionProfileStatus.WITHDRAWN) {
            throw ApiException.conflict("Solution profile " + id + " is WITHDRAWN and can no longer be changed");
        }
        SolutionProfileStatus status = request.status() == null ? current.status() : request.status();
        SolutionProfileEntity updated = repository.update(toEntity(id, current.organisationUen(), request, status,
                current.version(), current.createdAt(), now()));
        return record(updated, status == SolutionProfileStatus.WITHDRAWN
                ? SolutionProfileSnapshot.WITHDRAWN : SolutionProfileSnapshot.UPDATED);
    }

    /** Withdraws the profile; withdrawing a withdrawn one again changes nothing and publishes nothing. */
    @Transactional
    public SolutionProfileSnapshot withdraw(Caller caller, UUID id) {
        SolutionProfileEntity current = ownedForUpdate(caller, id);
        if (current.status() == SolutionProfileStatus.WITHDRAWN) {
            return snapshot(current);
        }
        SolutionProfileEntity withdrawn = repository.update(current.withStatus(SolutionProfileStatus.WITHDRAWN, now()));
        return record(withdrawn, SolutionProfileSnapshot.WITHDRAWN);
    }

    @Transactional(readOnly = true)
    public SolutionProfileSnapshot get(UUID id) {
        return repository.findById(id).map(SolutionProfiles::snapshot).orElseThrow(() -> ApiException.notFound(WHAT, id));
    }

    @Transactional(readOnly = true)
    public Page<SolutionProfileSnapshot> list(@Nullable String theme, @Nullable OrganisationType type,
                                              @Nullable SolutionProfileStatus status,
                                              @Nullable Integer page, @Nullable Integer size) {
        String themePattern = ThemeFilter.likePattern(theme);
        return repository.search(themePattern, type == null ? null : type.name(), status == null ? null : status.name(),
                PageRequest.of(page, size, Sort.UNSORTED)).map(SolutionProfiles::snapshot);
    }

    /** The profile, locked for change, if the caller's organisation owns it (or the caller is the programme office). */
    private SolutionProfileEntity ownedForUpdate(Caller caller, UUID id) {
        SolutionProfileEntity current = repository.findByIdForUpdate(id).orElseThrow(() -> ApiException.notFound(WHAT, id));
        if (!caller.isOffice() && (current.organisationUen() == null || !caller.actsForUen(current.organisationUen()))) {
            throw Caller.forbidden("Solution profile " + id + " belongs to another organisation; only its provider or "
                    + "the programme office may change it");
        }
        return current;
    }

    @Nullable
    private static String uen(@Nullable String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim().toUpperCase(Locale.ROOT);
    }

    private SolutionProfileSnapshot record(SolutionProfileEntity entity, String eventType) {
        SolutionProfileSnapshot snapshot = snapshot(entity);
        outbox.append(Topics.SOLUTION_PROFILES, entity.id().toString(), eventType, snapshot);
        return snapshot;
    }

    private SolutionProfileEntity toEntity(UUID id, @Nullable String uen, SolutionProfileRequest r,
                                           SolutionProfileStatus status, long version, Instant createdAt, Instant updatedAt) {
        return new SolutionProfileEntity(id,
                r.organisation().name().trim(), r.organisation().type(), uen,
                r.solutionName().trim(), r.summary().trim(), themes.normaliseAll(r.themes()), keywords(r.keywords()),
                r.readinessLevel(), r.contact().name().trim(), r.contact().email().trim().toLowerCase(Locale.ROOT),
                status, version, createdAt, updatedAt);
    }

    /** Trimmed, first spelling kept, later duplicates (ignoring case) dropped, order kept. */
    static List<String> keywords(@Nullable List<String> input) {
        if (input == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String k : input) {
            String trimmed = k.trim();
            if (seen.add(trimmed.toLowerCase(Locale.ROOT))) {
                out.add(trimmed);
            }
        }
        return List.copyOf(out);
    }

    public static SolutionProfileSnapshot snapshot(SolutionProfileEntity e) {
        return new SolutionProfileSnapshot(e.id(), new Organisation(e.organisationName(), e.organisationType(),
                e.organisationUen()), e.solutionName(), e.summary(), e.themes(), e.keywords(), e.readinessLevel(),
                new Contact(e.contactName(), e.contactEmail()), e.status(), e.version(), e.createdAt(), e.updatedAt());
    }

    /** Microseconds: what DATETIME(6) keeps, so the response equals what a later GET returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
