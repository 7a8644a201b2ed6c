package io.innoleap.problems;

import io.innoleap.testkit.ServiceTestProperties;
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

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A failure nobody foresaw is a 500 problem+json with an error id, never the exception's own words. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerErrorTest implements TestPropertyProvider {

    static final String SECRET = "jdbc:mysql://db-primary.internal:3306 password=hunter2";

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("problem-500").actingAs("office")
                .with("innoleap.test.crash-endpoint", "true").build();
    }

    @Test
    void anUnexpectedFailureShowsAnErrorIdAndNoInternals() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/api/test-only/crash"), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR.getCode());
        assertThat(e.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
        Map<String, Object> body = e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
        assertThat(body).containsEntry("status", 500).containsKey("errorId");
        assertThat((String) body.get("detail")).contains((String) body.get("errorId"));
        assertThat(e.getResponse().getBody(String.class).orElseThrow())
                .doesNotContain("hunter2").doesNotContain("db-primary").doesNotContain("IllegalStateException");
    }
}
