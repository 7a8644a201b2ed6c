package io.innoleap.testkit;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import jakarta.inject.Singleton;

/**
 * Test classes that are about something else than access (validation, events, booking rules) act
 * as one user: with {@code innoleap.test.acting-as} set ({@link ServiceTestProperties#actingAs}),
 * every request of the test's HTTP clients that carries no {@code Authorization} header gets that
 * user's bearer token from the test identity provider. Access tests leave it unset and send
 * (or withhold) tokens themselves.
 */
@Singleton
@ClientFilter("/**")
public class ActingAs {

    private final String username;

    public ActingAs(@Value("${innoleap.test.acting-as:}") String username) {
        this.username = username;
    }

    @RequestFilter
    public void bearer(MutableHttpRequest<?> request) {
        if (!username.isBlank() && !request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            request.bearerAuth(TestOidc.get().token(username));
        }
    }
}
