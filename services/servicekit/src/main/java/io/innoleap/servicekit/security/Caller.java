package io.innoleap.servicekit.security;

import io.innoleap.servicekit.api.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling, from the checked access token: {@code sub}, {@code name}, {@code email}, the
 * roles, and the organisation the token binds them to ({@code agency} code for an agency officer,
 * {@code uen} for a provider). Ownership decisions are made against these, never against what a
 * request body claims. Controllers receive it as a parameter ({@link CallerBinder}).
 */
public record Caller(String sub, @Nullable String name, @Nullable String email, Set<Role> roles,
                     @Nullable String agency, @Nullable String uen) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    static Caller of(Authentication authentication) {
        Map<String, Object> claims = authentication.getAttributes();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : authentication.getRoles()) {
            try {
                roles.add(Role.valueOf(r));
            } catch (IllegalArgumentException unknown) {
                // a role of another application: it grants nothing here
            }
        }
        return new Caller(authentication.getName(), text(claims.get("name")), text(claims.get("email")), roles,
                upper(text(claims.get("agency"))), upper(text(claims.get("uen"))));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isOffice() {
        return has(Role.PROGRAMME_OFFICE);
    }

    /** An officer of this agency (by code, case-insensitive) or the programme office. */
    public boolean actsFor(@Nullable String agencyCode) {
        return isOffice() || (has(Role.AGENCY) && agency != null && agency.equalsIgnoreCase(agencyCode));
    }

    /** The provider organisation with this UEN or the programme office. */
    public boolean actsForUen(@Nullable String organisationUen) {
        return isOffice() || (has(Role.PROVIDER) && uen != null && uen.equalsIgnoreCase(organisationUen));
    }

    /** A 403 naming what the caller may not do. */
    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail);
    }

    @Nullable
    private static String text(@Nullable Object value) {
        if (value instanceof Collection<?> c) {
            return c.isEmpty() ? null : String.valueOf(c.iterator().next());
        }
        return value == null ? null : value.toString();
    }

    @Nullable
    private static String upper(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
    }
}
