package io.innoleap.scheduler.workshops.api;

import io.innoleap.scheduler.programme.api.RefusalHandler;
import io.innoleap.scheduler.workshops.domain.CadenceViolationException;
import io.innoleap.scheduler.workshops.domain.CadenceWindowUnavailableException;
import io.innoleap.scheduler.workshops.domain.NoUncoveredDemandException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/** How the workshop rules' refusals answer: each a 409 with its own problem type. */
final class WorkshopProblems {
    private WorkshopProblems() {
    }

    @Produces
    @Singleton
    static class CadenceViolation extends RefusalHandler<CadenceViolationException> {
        CadenceViolation() {
            super(HttpStatus.CONFLICT, "cadence-violation", "Workshop date breaks the 8-to-13-week cadence");
        }
    }

    @Produces
    @Singleton
    static class CadenceWindowUnavailable extends RefusalHandler<CadenceWindowUnavailableException> {
        CadenceWindowUnavailable() {
            super(HttpStatus.CONFLICT, "cadence-window-unavailable", "No date satisfies the workshop cadence");
        }
    }

    @Produces
    @Singleton
    static class NoUncoveredDemand extends RefusalHandler<NoUncoveredDemandException> {
        NoUncoveredDemand() {
            super(HttpStatus.CONFLICT, "no-uncovered-demand", "No unmet demand to plan a workshop for");
        }
    }
}
