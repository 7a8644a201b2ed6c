package io.innoleap.scheduler.domain;

/** How soon an agency needs a problem solved (API.md problem statement {@code horizon}). */
public enum Horizon {
    IMMEDIATE_OPERATIONAL,
    LONG_TERM
}
