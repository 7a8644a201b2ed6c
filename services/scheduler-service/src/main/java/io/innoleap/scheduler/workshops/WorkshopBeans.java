package io.innoleap.scheduler.workshops;

import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.workshops.domain.WorkshopBookingRules;
import io.innoleap.scheduler.workshops.domain.WorkshopPlanner;
import io.innoleap.scheduler.workshops.domain.WorkshopPolicy;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The workshop rules, built once (they are immutable). */
@Factory
class WorkshopBeans {

    @Singleton
    WorkshopPolicy workshopPolicy() {
        return WorkshopPolicy.defaults();
    }

    @Singleton
    WorkshopPlanner workshopPlanner(ProgrammeCalendar calendar, WorkshopPolicy policy, Clock clock) {
        return new WorkshopPlanner(calendar, policy, clock);
    }

    @Singleton
    WorkshopBookingRules workshopBookingRules(ProgrammeCalendar calendar, WorkshopPolicy policy, Clock clock) {
        return new WorkshopBookingRules(calendar, policy, clock);
    }
}
