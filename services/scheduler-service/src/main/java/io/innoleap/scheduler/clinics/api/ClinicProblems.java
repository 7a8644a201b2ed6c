package io.innoleap.scheduler.clinics.api;

import io.innoleap.scheduler.clinics.domain.IllegalClinicTransitionException;
import io.innoleap.scheduler.clinics.domain.OverlappingSlotException;
import io.innoleap.scheduler.clinics.domain.ProblemStatementNotOpenException;
import io.innoleap.scheduler.clinics.domain.SlotStartedException;
import io.innoleap.scheduler.clinics.domain.SlotTakenException;
import io.innoleap.scheduler.programme.api.RefusalHandler;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/** How the clinic rules' refusals answer: each a 409 with its own problem type. */
final class ClinicProblems {
    private ClinicProblems() {
    }

    @Produces
    @Singleton
    static class SlotTaken extends RefusalHandler<SlotTakenException> {
        SlotTaken() {
            super(HttpStatus.CONFLICT, "slot-taken", "Clinic slot already held");
        }
    }

    @Produces
    @Singleton
    static class SlotStarted extends RefusalHandler<SlotStartedException> {
        SlotStarted() {
            super(HttpStatus.CONFLICT, "slot-started", "Clinic slot already started");
        }
    }

    @Produces
    @Singleton
    static class OverlappingSlot extends RefusalHandler<OverlappingSlotException> {
        OverlappingSlot() {
            super(HttpStatus.CONFLICT, "slot-overlap", "Overlapping clinic slot");
        }
    }

    @Produces
    @Singleton
    static class ProblemStatementNotOpen extends RefusalHandler<ProblemStatementNotOpenException> {
        ProblemStatementNotOpen() {
            super(HttpStatus.CONFLICT, "problem-statement-not-open", "Problem statement is not open");
        }
    }

    @Produces
    @Singleton
    static class IllegalClinicTransition extends RefusalHandler<IllegalClinicTransitionException> {
        IllegalClinicTransition() {
            super(HttpStatus.CONFLICT, "illegal-clinic-transition", "Clinic status cannot change");
        }
    }
}
