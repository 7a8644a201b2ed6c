package io.innoleap.scheduler.workshops.domain;

import java.time.LocalDate;

/**
 * An explicit workshop date breaks the 8-to-13-week cadence relative to its previous or next
 * workshop (the client may resend with {@code "overrideCadence": true}).
 */
public final class CadenceViolationException extends RuntimeException {
    private final CadenceCheck check;

    public CadenceViolationException(CadenceCheck check) {
        super(check.describe());
        this.check = check;
    }

    public CadenceCheck check() {
        return check;
    }

    public LocalDate date() {
        return check.date();
    }
}
