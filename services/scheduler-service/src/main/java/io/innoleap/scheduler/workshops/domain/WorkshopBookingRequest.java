package io.innoleap.scheduler.workshops.domain;

import java.time.Instant;

/** {@code POST /api/workshops}: an explicit workshop. {@code durationMinutes}/{@code capacity} null = default. */
public record WorkshopBookingRequest(String theme, Instant startsAt, Integer durationMinutes, String venue,
                                     Integer capacity, boolean overrideCadence) {
}
