package io.innoleap.scheduler.reports.domain;

/** A workshop or sharing day that took place (not cancelled, started within the period and before now). */
public record HeldEvent(Kind kind, String theme) {

    public enum Kind { WORKSHOP, SHARING_DAY }
}
