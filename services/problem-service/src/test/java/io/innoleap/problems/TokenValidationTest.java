package io.innoleap.problems;

import io.innoleap.servicekit.security.VerifiedSignatures;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestOidc;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Only a token the identity provider signed, for this API, still valid, gets in: everything else
 * is a 401 problem+json with {@code WWW-Authenticate: Bearer}. The same servicekit configuration
 * protects every service; this runs it against problem-service's list endpoint.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenValidationTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    VerifiedSignatures signatures;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("problem-tokens").build();
    }

    private static Map<String, Object> claims(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("sub", "lta", "roles", List.of("AGENCY"), "agency", "LTA"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<Arguments> refusedTokens() {
        TestOidc oidc = TestOidc.get();
        Date anHourAgo = Date.from(Instant.now().minusSeconds(3600));
        return Stream.of(
                Arguments.of("malformed", "not-a-jwt"),
                Arguments.of("expired", oidc.signed(claims("exp", anHourAgo, "iat", Date.from(Instant.now().minusSeconds(7200))))),
                Arguments.of("without an expiry", oidc.signed(claims("exp", null))),
                Arguments.of("wrong issuer", oidc.signed(claims("iss", "http://localhost:1/someone-else"))),
                Arguments.of("wrong audience", oidc.signed(claims("aud", "another-api"))),
                Arguments.of("wrong audience from the provider", oidc.token("wrongaudience")),
                Arguments.of("bad signature (a stranger's key)", oidc.signedByStranger(claims())),
                Arguments.of("bad signature (payload changed after signing)",
                        oidc.tampered(oidc.token("lta"), claims("roles", List.of("PROGRAMME_OFFICE")))),
                Arguments.of("alg none", oidc.unsigned(claims())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aTokenThatDoesNotCheckOutIsA401(String what, String token) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/api/problem-statements").bearerAuth(token), String.class));
        assertThat(e).as(what).isNotNull();
        assertThat(e.getStatus().getCode()).as(what).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThat(e.getResponse().getHeaders().get("WWW-Authenticate")).as(what).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(e.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
        assertThat(e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow())
                .containsEntry("status", 401).containsKey("type");
    }

    @Test
    void noTokenIsA401AskingForOne() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/api/problem-statements"), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(401);
        assertThat(e.getResponse().getHeaders().get("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void theProvidersTokenAndOneSignedWithItsKeyGetIn() {
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/api/problem-statements")
                .bearerAuth(TestOidc.get().token("lta")), String.class).getStatus().getCode()).isEqualTo(200);
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/api/problem-statements")
                .bearerAuth(TestOidc.get().signed(claims())), String.class).getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void aTokenSentAgainIsNotVerifiedAgainButATamperedCopyIsRefused() {
        String token = TestOidc.get().token("ura");
        long before = signatures.hits();
        for (int i = 0; i < 3; i++) {
            assertThat(http.toBlocking().exchange(HttpRequest.GET("/api/problem-statements").bearerAuth(token), String.class)
                    .getStatus().getCode()).isEqualTo(200);
        }
        assertThat(signatures.hits() - before).as("the RSA check ran once for three requests").isGreaterThanOrEqualTo(2);
        String tampered = TestOidc.get().tampered(token, claims("sub", "ura", "agency", "URA", "roles", List.of("PROGRAMME_OFFICE")));
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/api/problem-statements").bearerAuth(tampered), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(401);
    }

    @Test
    void aValidTokenWithoutARoleIsA403() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/api/problem-statements")
                        .bearerAuth(TestOidc.get().token("nobody")), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(403);
        assertThat(e.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
    }
}
