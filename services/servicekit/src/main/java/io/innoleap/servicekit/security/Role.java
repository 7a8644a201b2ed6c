package io.innoleap.servicekit.security;

/**
 * The roles a token's {@code roles} claim may carry. The names are the claim's values and the
 * strings {@code @Secured} takes (see {@link Roles}).
 */
public enum Role {
    AGENCY,
    PROVIDER,
    COORDINATOR,
    PROGRAMME_OFFICE,
    /** A metrics scraper's service account: may read {@code /prometheus}, nothing else. */
    METRICS
}
