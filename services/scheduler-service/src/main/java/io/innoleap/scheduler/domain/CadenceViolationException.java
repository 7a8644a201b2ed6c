package io.innoleap.scheduler.domain;

import java.time.LocalDate;

/**
 * An explicit workshop date breaks the 8-to-13-week cadence relative to its previous or next
 * workshop. API: 409 (the client may resend with {@code "overrideCadence": true}).
 */
public final class CadenceViolationException extends SchedulingException {
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

    @Override public int httpStatus() { return 409; }
    @Override public String problemType() { return "cadence-violation"; }
    @Override public String title() { return "Workshop date breaks the 8-to-13-week cadence"; }
}
