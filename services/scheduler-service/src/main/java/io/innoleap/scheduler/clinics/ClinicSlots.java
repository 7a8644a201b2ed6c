package io.innoleap.scheduler.clinics;

import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.clinics.domain.ExistingClinicSlot;
import io.innoleap.scheduler.clinics.api.ClinicSlotRequest;
import io.innoleap.scheduler.clinics.api.ClinicSlotResource;
import io.innoleap.scheduler.clinics.store.ClinicCoordinatorEntity;
import io.innoleap.scheduler.clinics.store.ClinicEntity;
import io.innoleap.scheduler.clinics.store.ClinicSlotEntity;
import io.innoleap.scheduler.programme.store.DatabaseErrors;
import io.innoleap.scheduler.clinics.store.Times;

import io.innoleap.scheduler.clinics.store.ClinicRepositories.ClinicRepository;
import io.innoleap.scheduler.clinics.store.ClinicRepositories.ClinicSlotRepository;
import io.innoleap.scheduler.clinics.store.ClinicRepositories.CoordinatorRepository;
import io.innoleap.scheduler.clinics.domain.ClinicSlotRules;
import io.innoleap.scheduler.clinics.domain.Coordinator;
import io.innoleap.scheduler.clinics.domain.TimeWindow;
import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.PageRequest;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Coordinators' clinic slots. The no-overlap rule is checked under a lock on the coordinator's row
 * ({@code SELECT ... FOR UPDATE}), so concurrent requests for one coordinator are serialised and
 * cannot both insert overlapping slots. Who may see a slot's coordinator is the API's business
 * ({@code ContactVisibility}); this class always answers it.
 */
@Singleton
public class ClinicSlots {

    private final ClinicSlotRepository slots;
    private final CoordinatorRepository coordinators;
    private final ClinicRepository clinics;
    private final ClinicSlotRules rules;
    private final IdempotencyKeys idempotencyKeys;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final ProgrammeCalendar calendar;

    public ClinicSlots(ClinicSlotRepository slots, CoordinatorRepository coordinators, ClinicRepository clinics,
                       ClinicSlotRules rules, IdempotencyKeys idempotencyKeys, TransactionOperations<Connection> tx,
                       Clock clock, ProgrammeCalendar calendar) {
        this.calendar = calendar;
        this.slots = slots;
        this.coordinators = coordinators;
        this.clinics = clinics;
        this.rules = rules;
        this.idempotencyKeys = idempotencyKeys;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Publishes a slot. A coordinator publishes for themselves: name and email come from their
     * token and their {@code sub} is recorded; a body naming another coordinator is refused (403).
     * The programme office publishes for any coordinator, named in the body. With an
     * Idempotency-Key, a retry answers the slot the first request created.
     */
    public ClinicSlotResource create(Caller caller, @Nullable String idempotencyKey, ClinicSlotRequest request) {
        Publisher publisher = publisher(caller, request.coordinator());
        Coordinator coordinator = publisher.coordinator();
        TimeWindow window = rules.validateNewSlot(coordinator, request.startsAt() == null ? null : request.startsAt().toInstant(),
                request.durationMinutes());
        // Nothing is held on a public holiday or programme closure (409 naming the day).
        calendar.requireOpen(window.start().atZone(calendar.zone()).toLocalDate());
        String coordinatorId = coordinator.identity();
        ensureCoordinatorRow(coordinatorId);
        return tx.executeWrite(status -> idempotencyKeys.create(caller.sub(), "POST /api/clinic-slots", idempotencyKey, request,
                () -> {
                    coordinators.findByIdForUpdate(coordinatorId)
                            .orElseThrow(() -> new IllegalStateException("coordinator row vanished"));
                    List<ExistingClinicSlot> existing = slots.findByCoordinatorId(coordinatorId)
                            .stream().map(ClinicSlotEntity::toDomain).toList();
                    ClinicSlotRules.ensureNoOverlap(coordinator, window, existing);
                    ClinicSlotEntity created = slots.save(new ClinicSlotEntity(UUID.randomUUID(), coordinatorId,
                            coordinator.name(), coordinator.email(), publisher.sub(), Times.stored(window.start()),
                            Times.stored(window.end()), request.durationMinutes(), 0, Times.now(clock)));
                    return toResource(created, null);
                }, r -> r.id().toString(), id -> get(UUID.fromString(id))).resource());
    }

    /** Whose slot it is, and the sub to record (null when the programme office publishes for someone). */
    private record Publisher(@Nullable Coordinator coordinator, @Nullable String sub) {
    }

    private static Publisher publisher(Caller caller, @Nullable ClinicSlotRequest.CoordinatorInput in) {
        if (caller.isOffice()) {
            return new Publisher(in == null ? null : new Coordinator(
                    in.name() == null ? null : in.name().strip(), in.email() == null ? null : in.email().strip()), null);
        }
        if (caller.email() == null || caller.email().isBlank()) {
            throw Caller.forbidden("Your access token carries no email, so no slot can be published in your name");
        }
        String email = caller.email().strip();
        if (in != null && in.email() != null && !in.email().isBlank() && !in.email().strip().equalsIgnoreCase(email)) {
            throw Caller.forbidden("A coordinator publishes slots for themselves only (" + email
                    + "); only the programme office may publish for another coordinator");
        }
        String name = caller.name() != null && !caller.name().isBlank() ? caller.name().strip()
                : in != null && in.name() != null && !in.name().isBlank() ? in.name().strip() : email;
        return new Publisher(new Coordinator(name, email), caller.sub());
    }

    /** The lock row must exist before it can be locked; a concurrent creator's duplicate is fine. */
    private void ensureCoordinatorRow(String coordinatorId) {
        if (coordinators.existsById(coordinatorId)) {
            return;
        }
        try {
            tx.executeWrite(status -> coordinators.save(new ClinicCoordinatorEntity(coordinatorId, Times.now(clock))));
        } catch (RuntimeException e) {
            if (!DatabaseErrors.isDuplicateKey(e, null)) {
                throw e;
            }
        }
    }

    public ClinicSlotResource get(UUID id) {
        ClinicSlotEntity slot = slots.findById(id).orElseThrow(() -> ApiException.notFound("Clinic slot", id));
        return toResource(slot, clinics.findHoldingSlot(id.toString()).map(ClinicEntity::id).orElse(null));
    }

    /** {@code available}: true = bookable now, false = started or held, null = all; by start time. */
    public io.innoleap.servicekit.api.Page<ClinicSlotResource> list(@Nullable Boolean available,
                                                                    @Nullable Integer page, @Nullable Integer size) {
        Pageable pageable = PageRequest.of(page, size, Sort.unsorted());
        Instant now = clock.instant();
        Page<ClinicSlotEntity> found = available == null ? slots.findAllOrdered(pageable)
                : available ? slots.findAvailable(now, pageable) : slots.findUnavailable(now, pageable);
        Map<UUID, UUID> holders = found.getContent().isEmpty() ? Map.of()
                : clinics.findHolding(found.getContent().stream().map(s -> s.id().toString()).toList()).stream()
                .collect(Collectors.toMap(ClinicEntity::activeSlotId, ClinicEntity::id, (a, b) -> a));
        return io.innoleap.servicekit.api.Page.of(found, s -> toResource(s, holders.get(s.id())));
    }

    ClinicSlotResource toResource(ClinicSlotEntity s, @Nullable UUID heldBy) {
        boolean available = heldBy == null && s.startsAt().isAfter(clock.instant());
        return new ClinicSlotResource(s.id(), new Contact(s.coordinatorName(), s.coordinatorEmail()),
                s.startsAt(), s.endsAt(), s.durationMinutes(), available, heldBy, s.version(), s.createdAt());
    }

}
