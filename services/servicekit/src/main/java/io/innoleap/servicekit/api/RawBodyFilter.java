package io.innoleap.servicekit.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Optional;

/**
 * Keeps the raw JSON body of API writes (at most 64 KiB) on the request, so that when it does not
 * deserialise, the error response can name every field of the wrong type
 * ({@link BodyTypeChecker}); Netty's body is single-use and gone by then.
 */
@ServerFilter(value = "/api/**", methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
public class RawBodyFilter {

    static final String ATTRIBUTE = "innoleap.raw-body";

    @RequestFilter
    public void keep(HttpRequest<?> request, @Body @Nullable String body) {
        if (body != null) {
            request.setAttribute(ATTRIBUTE, body);
        }
    }

    static Optional<String> rawBody(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }
}
