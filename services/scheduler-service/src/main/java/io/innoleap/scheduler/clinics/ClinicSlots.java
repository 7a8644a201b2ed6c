package io.innoleap.scheduler.clinics;

import io.innoleap.scheduler.clinics.ClinicRepositories.ClinicRepository;
import io.innoleap.scheduler.clinics.ClinicRepositories.ClinicSlotRepository;
import io.innoleap.scheduler.clinics.ClinicRepositories.CoordinatorRepository;
import io.innoleap.scheduler.domain.ClinicSlotRules;
import io.innoleap.scheduler.domain.Coordinator;
import io.innoleap.scheduler.domain.TimeWindow;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.PageRequest;
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
 * cannot both insert overlapping slots.
 */
@Singleton
public class ClinicSlots {

    private final ClinicSlotRepository slots;
    private final CoordinatorRepository coordinators;
    private final ClinicRepository clinics;
    private final ClinicSlotRules rules;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public ClinicSlots(ClinicSlotRepository slots, CoordinatorRepository coordinators, ClinicRepository clinics,
                       ClinicSlotRules rules, TransactionOperations<Connection> tx, Clock clock) {
        this.slots = slots;
        this.coordinators = coordinators;
        this.clinics = clinics;
        this.rules = rules;
        this.tx = tx;
        this.clock = clock;
    }

    public ClinicSlotResource create(ClinicSlotRequest request) {
        ClinicSlotRequest.CoordinatorInput in = request.coordinator();
        Coordinator coordinator = in == null ? null : new Coordinator(
                in.name() == null ? null : in.name().strip(), in.email() == null ? null : in.email().strip());
        TimeWindow window = rules.validateNewSlot(coordinator, request.startsAt() == null ? null : request.startsAt().toInstant(),
                request.durationMinutes());
        String coordinatorId = coordinator.identity();
        ensureCoordinatorRow(coordinatorId);
        ClinicSlotEntity created = tx.executeWrite(status -> {
            coordinators.findByIdForUpdate(coordinatorId)
                    .orElseThrow(() -> new IllegalStateException("coordinator row vanished"));
            List<io.innoleap.scheduler.domain.ExistingClinicSlot> existing = slots.findByCoordinatorId(coordinatorId)
                    .stream().map(ClinicSlotEntity::toDomain).toList();
            ClinicSlotRules.ensureNoOverlap(coordinator, window, existing);
            return slots.save(new ClinicSlotEntity(UUID.randomUUID(), coordinatorId, coordinator.name(), coordinator.email(),
                    Times.stored(window.start()), Times.stored(window.end()), request.durationMinutes(), 0, Times.now(clock)));
        });
        return toResource(created, null);
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
        return new ClinicSlotResource(s.id(), new ClinicSlotResource.ContactResource(s.coordinatorName(), s.coordinatorEmail()),
                s.startsAt(), s.endsAt(), s.durationMinutes(), available, heldBy, s.version(), s.createdAt());
    }

}
