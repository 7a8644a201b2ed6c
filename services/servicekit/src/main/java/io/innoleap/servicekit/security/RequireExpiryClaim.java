package io.innoleap.servicekit.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * A token without {@code exp} never expires; Micronaut's expiry check lets such a token through,
 * so this one refuses it (and one without {@code iat}, which every provider in use sets).
 */
@Singleton
public class RequireExpiryClaim<T> implements GenericJwtClaimsValidator<T> {
    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        return claims.get(Claims.EXPIRATION_TIME) != null && claims.get(Claims.ISSUED_AT) != null;
    }
}
