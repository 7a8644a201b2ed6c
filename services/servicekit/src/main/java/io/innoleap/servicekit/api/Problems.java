package io.innoleap.servicekit.api;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/** Builds problem+json responses; the {@code type} names the kind of problem, stable for clients. */
public final class Problems {

    private static final String BASE = "https://innoleap.example/problems/";

    private Problems() {
    }

    public static String typeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> BASE + "invalid-request";
            case NOT_FOUND -> BASE + "not-found";
            case CONFLICT -> BASE + "conflict";
            case REQUEST_ENTITY_TOO_LARGE -> BASE + "body-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> BASE + "unsupported-media-type";
            case METHOD_NOT_ALLOWED -> BASE + "method-not-allowed";
            case GONE -> BASE + "gone";
            case UNAUTHORIZED -> BASE + "unauthenticated";
            case FORBIDDEN -> BASE + "forbidden";
            case TOO_MANY_REQUESTS -> BASE + "too-many-requests";
            case UNPROCESSABLE_ENTITY -> BASE + "unprocessable";
            case NOT_ACCEPTABLE -> BASE + "not-acceptable";
            default -> status.getCode() >= 500 ? BASE + "server-error" : "about:blank";
        };
    }

    public static Problem problem(HttpStatus status, String detail, List<Problem.FieldError> errors) {
        return new Problem(typeFor(status), status.getReason(), status.getCode(), detail, errors);
    }

    /** A server error: a generic text and the id under which the cause was logged, never the cause itself. */
    public static Problem serverError(HttpStatus status, String errorId) {
        return new Problem(typeFor(status), status.getReason(), status.getCode(),
                "Something went wrong on our side. If it persists, quote error id " + errorId + ".", List.of(), errorId);
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, HttpStatus status, String detail,
                                                        List<Problem.FieldError> errors) {
        MutableHttpResponse<Problem> response = HttpResponse.status(status);
        if (request == null || request.getMethod() != HttpMethod.HEAD) {
            response.body(problem(status, detail, errors)).contentType(MediaType.of(Problem.MEDIA_TYPE));
        }
        return response;
    }
}
