package io.innoleap.servicekit.security;

import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.core.annotation.Nullable;

import java.security.Principal;

/** The {@code sub} of the caller whose request is being served on this thread, if any. */
public final class CurrentActor {

    private CurrentActor() {
    }

    /** The caller's {@code sub}, or null when no authenticated request is being served (a consumer, a job). */
    @Nullable
    public static String sub() {
        return ServerRequestContext.currentRequest().flatMap(r -> r.getUserPrincipal()).map(Principal::getName).orElse(null);
    }
}
