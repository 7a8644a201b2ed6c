package io.innoleap.scheduler.programme.domain;

import java.util.Objects;

/** One failing input field, in the shape of the problem+json {@code errors[]} entries. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
