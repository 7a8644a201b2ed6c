package io.innoleap.scheduler.sharingdays;

import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.sharingdays.domain.SharingDayPlanner;
import io.innoleap.scheduler.sharingdays.domain.SharingDayPolicy;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The sharing-day agenda builder, built once (it is immutable). */
@Factory
class SharingDayBeans {

    @Singleton
    SharingDayPlanner sharingDayPlanner(ProgrammeCalendar calendar, Clock clock) {
        return new SharingDayPlanner(calendar, SharingDayPolicy.defaults(), clock);
    }
}
