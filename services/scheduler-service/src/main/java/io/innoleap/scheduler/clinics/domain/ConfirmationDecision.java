package io.innoleap.scheduler.clinics.domain;

import io.innoleap.scheduler.programme.domain.FieldError;
import io.innoleap.scheduler.programme.domain.InvalidRequestException;

import java.util.List;

/** The form field {@code decision=CONFIRM|DECLINE} posted by the confirmation page. */
public enum ConfirmationDecision {
    CONFIRM(ClinicTransition.CONFIRM), DECLINE(ClinicTransition.DECLINE);

    private final ClinicTransition transition;

    ConfirmationDecision(ClinicTransition transition) {
        this.transition = transition;
    }

    public ClinicTransition transition() {
        return transition;
    }

    /** Exact, case-sensitive values only: a form we rendered never sends anything else. Field error otherwise. */
    public static ConfirmationDecision parse(String value) {
        if ("CONFIRM".equals(value)) return CONFIRM;
        if ("DECLINE".equals(value)) return DECLINE;
        throw new InvalidRequestException(List.of(new FieldError("decision", "must be CONFIRM or DECLINE")));
    }
}
