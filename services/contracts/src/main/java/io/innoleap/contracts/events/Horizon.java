package io.innoleap.contracts.events;

/** How soon an agency needs a problem solved; readiness matters more for immediate operational needs. */
public enum Horizon {
    IMMEDIATE_OPERATIONAL,
    LONG_TERM
}
