package io.innoleap.scheduler.programme.api;

import io.innoleap.scheduler.programme.ClosedDayException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/**
 * A booking or reschedule on a public holiday or a programme closure: 409 whose detail names the day
 * ("2027-01-01 is a public holiday in Singapore: New Year's Day; nothing is booked on it").
 */
@Produces
@Singleton
public class ClosedDayHandler extends RefusalHandler<ClosedDayException> {
    public ClosedDayHandler() {
        super(HttpStatus.CONFLICT, "public-holiday", "The date is a public holiday or a programme closure");
    }
}
