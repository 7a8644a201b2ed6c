package io.innoleap.contracts.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A booking of the scheduler (a thematic workshop, a sharing day or a clinic), as published on
 * {@code innoleap.bookings}. Fields that do not apply to a kind are null or empty: a workshop has
 * no {@code problemStatementId}; a clinic has no {@code slots}. {@code cancellationReason} (v1.1) is
 * set on cancelled bookings only.
 */
@Serdeable
public record BookingSnapshot(
        UUID id,
        Kind kind,
        String status,
        long version,
        String theme,
        Instant startsAt,
        Instant endsAt,
        String venue,
        List<String> agencyCodes,
        List<UUID> problemStatementIds,
        UUID problemStatementId,
        List<Participant> providers,
        Contact coordinator,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String cancellationReason) {

    public static final String WORKSHOP_PLANNED = "WorkshopPlanned";
    public static final String SHARING_DAY_SCHEDULED = "SharingDayScheduled";
    public static final String CLINIC_REQUESTED = "ClinicRequested";
    public static final String CLINIC_CONFIRMED = "ClinicConfirmed";
    public static final String CLINIC_DECLINED = "ClinicDeclined";
    public static final String CLINIC_EXPIRED = "ClinicExpired";
    /** v1.1: changes after booking. The snapshot is the booking after the change. */
    public static final String WORKSHOP_RESCHEDULED = "WorkshopRescheduled";
    public static final String WORKSHOP_CANCELLED = "WorkshopCancelled";
    public static final String SHARING_DAY_RESCHEDULED = "SharingDayRescheduled";
    public static final String SHARING_DAY_CANCELLED = "SharingDayCancelled";
    public static final String CLINIC_CANCELLED = "ClinicCancelled";

    public enum Kind { WORKSHOP, SHARING_DAY, CLINIC }

    /** A solution provider taking part, with its own time slot where it has one (sharing days). */
    @Serdeable
    public record Participant(UUID solutionProfileId, String organisationName, Instant startsAt, Instant endsAt) {
    }
}
