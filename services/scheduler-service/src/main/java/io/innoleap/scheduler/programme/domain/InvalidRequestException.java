package io.innoleap.scheduler.programme.domain;

import java.util.List;
import java.util.stream.Collectors;

/** Input that breaks a documented limit; lists every failing field (answered by {@code programme.api.InvalidRequestHandler}). */
public final class InvalidRequestException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one field error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
