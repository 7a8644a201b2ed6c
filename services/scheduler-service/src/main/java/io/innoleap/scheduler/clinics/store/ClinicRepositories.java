package io.innoleap.scheduler.clinics.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The clinic feature's repositories. */
public final class ClinicRepositories {
    private ClinicRepositories() {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface CoordinatorRepository extends CrudRepository<ClinicCoordinatorEntity, String> {
        /** Locks the coordinator for the rest of the transaction: slot creation per coordinator is serial. */
        Optional<ClinicCoordinatorEntity> findByIdForUpdate(String id);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface ClinicSlotRepository extends CrudRepository<ClinicSlotEntity, UUID> {

        List<ClinicSlotEntity> findByCoordinatorId(String coordinatorId);

        /** Slots that can still be booked: not started, and no clinic holds them. */
        @Query(value = """
                SELECT s.* FROM clinic_slot s
                WHERE s.starts_at > :now
                  AND NOT EXISTS (SELECT 1 FROM clinic c WHERE c.active_slot_id = s.id)
                ORDER BY s.starts_at, s.id""",
                countQuery = """
                SELECT COUNT(*) FROM clinic_slot s
                WHERE s.starts_at > :now
                  AND NOT EXISTS (SELECT 1 FROM clinic c WHERE c.active_slot_id = s.id)""")
        Page<ClinicSlotEntity> findAvailable(Instant now, Pageable pageable);

        /** Slots that cannot be booked: started, or held by a clinic. */
        @Query(value = """
                SELECT s.* FROM clinic_slot s
                WHERE s.starts_at <= :now
                   OR EXISTS (SELECT 1 FROM clinic c WHERE c.active_slot_id = s.id)
                ORDER BY s.starts_at, s.id""",
                countQuery = """
                SELECT COUNT(*) FROM clinic_slot s
                WHERE s.starts_at <= :now
                   OR EXISTS (SELECT 1 FROM clinic c WHERE c.active_slot_id = s.id)""")
        Page<ClinicSlotEntity> findUnavailable(Instant now, Pageable pageable);

        @Query(value = "SELECT * FROM clinic_slot ORDER BY starts_at, id",
                countQuery = "SELECT COUNT(*) FROM clinic_slot")
        Page<ClinicSlotEntity> findAllOrdered(Pageable pageable);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface ClinicRepository extends CrudRepository<ClinicEntity, UUID> {

        Optional<ClinicEntity> findByIdForUpdate(UUID id);

        @Query("SELECT * FROM clinic WHERE active_slot_id IN (:slotIds)")
        List<ClinicEntity> findHolding(Collection<String> slotIds);

        @Query("SELECT * FROM clinic WHERE active_slot_id = :slotId")
        Optional<ClinicEntity> findHoldingSlot(String slotId);

        /**
         * Applies a decision to a pending clinic: 1 row when it was still pending, else 0. Releasing
         * the slot (declined, expired) nulls {@code active_slot_id}.
         */
        @Query("""
                UPDATE clinic SET status = :status, active_slot_id = :activeSlotId, version = version + 1,
                  updated_at = :now
                WHERE id = :id AND status = 'PENDING_CONFIRMATION'""")
        int decide(String id, String status, @io.micronaut.core.annotation.Nullable String activeSlotId, Instant now);

        /**
         * Cancels a pending or confirmed clinic and frees its slot: 1 row when it was still one of
         * those, else 0 (someone decided, expired or cancelled it first).
         */
        @Query("""
                UPDATE clinic SET status = 'CANCELLED', active_slot_id = NULL, cancellation_reason = :reason,
                  version = version + 1, updated_at = :now
                WHERE id = :id AND status IN ('PENDING_CONFIRMATION', 'CONFIRMED')""")
        int cancel(String id, String reason, Instant now);

        /** Confirmed clinics starting in {@code (from, to]}: what reminders are for. */
        @Query("SELECT * FROM clinic WHERE status = 'CONFIRMED' AND starts_at > :from AND starts_at <= :to ORDER BY starts_at, id")
        List<ClinicEntity> findConfirmedStartingBetween(Instant from, Instant to);

        /** Pending clinics whose confirmation link has expired by {@code now}, oldest first. */
        @Query("""
                SELECT * FROM clinic WHERE status = 'PENDING_CONFIRMATION' AND confirmation_expires_at <= :now
                ORDER BY confirmation_expires_at, id LIMIT :limit""")
        List<ClinicEntity> findExpiredPending(Instant now, int limit);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface ConfirmationTokenRepository extends CrudRepository<ConfirmationTokenEntity, String> {

        /** Marks an unused, unexpired token used; 1 row = this caller won the token, 0 = someone else did or it expired. */
        @Query("""
                UPDATE clinic_confirmation_token SET used_at = :now
                WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now""")
        int markUsed(String tokenHash, Instant now);
    }
}
