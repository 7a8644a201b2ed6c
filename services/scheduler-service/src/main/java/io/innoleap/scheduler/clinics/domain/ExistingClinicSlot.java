package io.innoleap.scheduler.clinics.domain;

import java.util.UUID;

/** A published clinic slot as the store knows it. */
public record ExistingClinicSlot(UUID id, Coordinator coordinator, TimeWindow window) {
}
