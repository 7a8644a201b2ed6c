package io.innoleap.scheduler.clinics.domain;

/** What can happen to a pending clinic: the coordinator decides, or the confirmation link runs out. */
public enum ClinicTransition {
    CONFIRM(ClinicStatus.CONFIRMED), DECLINE(ClinicStatus.DECLINED), EXPIRE(ClinicStatus.EXPIRED);

    private final ClinicStatus target;

    ClinicTransition(ClinicStatus target) {
        this.target = target;
    }

    public ClinicStatus target() {
        return target;
    }
}
