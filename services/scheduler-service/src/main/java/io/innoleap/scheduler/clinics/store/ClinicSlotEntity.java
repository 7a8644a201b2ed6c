package io.innoleap.scheduler.clinics.store;

import io.innoleap.scheduler.clinics.domain.Coordinator;
import io.innoleap.scheduler.clinics.domain.ExistingClinicSlot;
import io.innoleap.scheduler.clinics.domain.TimeWindow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/**
 * A coordinator's slot. {@code coordinatorSub} is the token {@code sub} of the coordinator who
 * published it; null when the programme office published it for them (then the email identifies them).
 */
@MappedEntity("clinic_slot")
public record ClinicSlotEntity(
        @Id @TypeDef(type = DataType.STRING) UUID id,
        String coordinatorId,
        String coordinatorName,
        String coordinatorEmail,
        @Nullable String coordinatorSub,
        Instant startsAt,
        Instant endsAt,
        int durationMinutes,
        @Version long version,
        Instant createdAt) {

    public Coordinator coordinator() {
        return new Coordinator(coordinatorName, coordinatorEmail);
    }

    public TimeWindow window() {
        return new TimeWindow(startsAt, endsAt);
    }

    public ExistingClinicSlot toDomain() {
        return new ExistingClinicSlot(id, coordinator(), window());
    }
}
