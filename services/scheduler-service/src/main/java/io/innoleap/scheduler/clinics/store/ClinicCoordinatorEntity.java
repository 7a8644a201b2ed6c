package io.innoleap.scheduler.clinics.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A coordinator's lock row; {@code id} is the lower-cased email (see {@code Coordinator.identity()}). */
@MappedEntity("clinic_coordinator")
public record ClinicCoordinatorEntity(@Id String id, Instant createdAt) {
}
