package io.innoleap.scheduler.clinics;

import io.innoleap.scheduler.domain.Coordinator;
import io.innoleap.scheduler.domain.ExistingClinicSlot;
import io.innoleap.scheduler.domain.TimeWindow;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("clinic_slot")
public record ClinicSlotEntity(
        @Id @TypeDef(type = DataType.STRING) UUID id,
        String coordinatorId,
        String coordinatorName,
        String coordinatorEmail,
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
