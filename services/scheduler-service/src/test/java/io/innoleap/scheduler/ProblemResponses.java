package io.innoleap.scheduler;

import io.micronaut.core.type.Argument;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on refused requests, shared by the scheduler's HTTP tests. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** Runs a call that must be refused with a problem+json body; returns the error for more checks. */
    public static HttpClientResponseException refused(Runnable call) {
        try {
            call.run();
        } catch (HttpClientResponseException e) {
            assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                    t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
            return e;
        }
        throw new AssertionError("expected a problem+json error response");
    }

    /** The problem {@code type} URI the API gives a refusal of the named kind (e.g. {@code cadence-violation}). */
    public static String type(String slug) {
        return "https://innoleap.example/problems/" + slug;
    }

    /** The {@code type} of a refused call's problem+json body. */
    public static Object typeOf(HttpClientResponseException e) {
        return e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).map(m -> m.get("type")).orElse(null);
    }
}
