package io.innoleap.servicekit.api;

import io.micronaut.http.codec.CodecException;

import java.util.List;

/** A request body that is not JSON or does not fit its request record: every failing field named. */
public class InvalidRequestBodyException extends CodecException {

    private final List<Problem.FieldError> errors;

    public InvalidRequestBodyException(String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
