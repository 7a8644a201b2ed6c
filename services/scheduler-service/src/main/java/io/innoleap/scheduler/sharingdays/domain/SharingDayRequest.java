package io.innoleap.scheduler.sharingdays.domain;

import java.time.LocalDate;
import java.time.LocalTime;

/** {@code POST /api/sharing-days}; times are local to the programme zone. Build the audience with {@link Audience#of}. */
public record SharingDayRequest(String theme, Audience audience, LocalDate date, LocalTime startTime,
                                Integer presentationMinutes, Integer consultationMinutes, Integer maxPresenters) {
}
