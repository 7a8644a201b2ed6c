package io.innoleap.servicekit.security;

/** Role names as compile-time constants, for {@code @Secured}. */
public final class Roles {
    public static final String AGENCY = "AGENCY";
    public static final String PROVIDER = "PROVIDER";
    public static final String COORDINATOR = "COORDINATOR";
    public static final String PROGRAMME_OFFICE = "PROGRAMME_OFFICE";
    public static final String METRICS = "METRICS";

    private Roles() {
    }
}
