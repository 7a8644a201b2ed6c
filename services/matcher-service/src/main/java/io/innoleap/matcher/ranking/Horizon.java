package io.innoleap.matcher.ranking;

/** How soon the agency needs the problem solved; readiness only matters for the first. */
public enum Horizon {
    IMMEDIATE_OPERATIONAL,
    LONG_TERM
}
