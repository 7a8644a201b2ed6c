package io.innoleap.problems;

import io.innoleap.servicekit.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;

/** Fails on purpose; exists only in {@link ServerErrorTest}'s context. */
@Controller("/api/test-only")
@Requires(property = "innoleap.test.crash-endpoint", value = "true")
@Secured(Roles.PROGRAMME_OFFICE)
public class CrashingController {

    @Get("/crash")
    public String crash() {
        throw new IllegalStateException("Lost the connection to " + ServerErrorTest.SECRET);
    }
}
