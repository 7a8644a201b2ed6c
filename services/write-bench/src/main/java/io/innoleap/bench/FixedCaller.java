package io.innoleap.bench;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;

import java.util.List;
import java.util.Map;

/**
 * The baseline of the security-cost measurement only: with Micronaut Security switched off, every
 * request is made the programme office's, so the controllers run exactly as with a token but no
 * token is read, parsed, verified or checked against rules. Lives in the benchmark module, which
 * no service depends on or ships; it is active only under {@code bench.fixed-caller=true}.
 */
@Requires(property = "bench.fixed-caller", value = "true")
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class FixedCaller {

    private static final Authentication OFFICE = Authentication.build("bench-office", List.of("PROGRAMME_OFFICE"),
            Map.of("name", "Benchmark Office", "email", "office@bench.example"));

    @RequestFilter
    public void actAsOffice(HttpRequest<?> request) {
        request.setUserPrincipal(OFFICE);
    }
}
