package io.innoleap.servicekit.api;

import io.micronaut.http.HttpStatus;

import java.util.List;

/**
 * A request the domain refuses, with the HTTP status the contract gives it. Thrown before
 * anything is stored, or inside the transaction so that it rolls back.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<Problem.FieldError> errors;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(HttpStatus status, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "The request has invalid fields",
                List.of(new Problem.FieldError(field, message)));
    }

    public static ApiException staleVersion(String what, long sent, long current) {
        return new ApiException(HttpStatus.CONFLICT, what + " was changed by someone else: you sent version "
                + sent + " but the current version is " + current + "; read it again and retry");
    }

    /** Optimistic concurrency for a PUT: the client must send the version it read, and it must be current. */
    public static void requireCurrentVersion(String what, Long sent, long current) {
        if (sent == null) {
            throw badRequest("version", "is required: send the version you read");
        }
        if (sent != current) {
            throw staleVersion(what, sent, current);
        }
    }

    public HttpStatus status() {
        return status;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
