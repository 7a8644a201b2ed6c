package io.innoleap.servicekit.api;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns every error Micronaut itself reports (unknown route, 405, 415, 413, malformed JSON,
 * conversion failures) into the same problem+json shape our own handlers produce.
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    @NonNull
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context, @NonNull MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        HttpStatus status = response.getStatus();
        List<Problem.FieldError> fields = new ArrayList<>();
        String detail = null;
        for (Error e : context.getErrors()) {
            String message = RequestErrors.clean(e.getMessage());
            // A JSON path inside the message (body errors) beats the argument name Micronaut reports.
            String field = RequestErrors.fieldFromMessage(e.getMessage());
            if (field == null) {
                field = e.getPath().map(RequestErrors::fieldFromPath).orElse(null);
            }
            if (field != null && status == HttpStatus.BAD_REQUEST) {
                fields.add(new Problem.FieldError(field, message));
            } else if (detail == null) {
                detail = message;
            }
        }
        if (detail == null) {
            detail = defaultDetail(status, fields);
        }
        return ((MutableHttpResponse<Problem>) response)
                .body(Problems.problem(status, detail, fields))
                .contentType(MediaType.of(Problem.MEDIA_TYPE));
    }

    private static String defaultDetail(HttpStatus status, List<Problem.FieldError> fields) {
        return switch (status) {
            case BAD_REQUEST -> fields.isEmpty() ? "The request is malformed" : "The request has invalid fields";
            case NOT_FOUND -> "No resource at this address";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than the 64 KiB limit";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
            default -> status.getReason();
        };
    }
}
