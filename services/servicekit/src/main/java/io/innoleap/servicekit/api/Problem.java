package io.innoleap.servicekit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response
 * ({@code Content-Type: application/problem+json}). {@code errorId} (only on a 5xx) names the
 * log entry that holds what went wrong; the response itself never does.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, @Nullable String detail, List<FieldError> errors,
                      @Nullable String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Problem(String type, String title, int status, @Nullable String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, null);
    }

    /** One failing input field; {@code field} is a JSON path such as {@code themes[0]} or {@code contact.email}. */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
