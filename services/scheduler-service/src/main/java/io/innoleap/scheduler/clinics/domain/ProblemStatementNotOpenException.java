package io.innoleap.scheduler.clinics.domain;

import java.util.UUID;

/** Clinics are held on OPEN problem statements only; this one is in discussion, piloting or closed. */
public final class ProblemStatementNotOpenException extends RuntimeException {
    public ProblemStatementNotOpenException(UUID problemStatementId, String status) {
        super("Problem statement " + problemStatementId + " is " + status
                + "; clinics can only be requested for OPEN problem statements");
    }
}
