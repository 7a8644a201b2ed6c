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

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.web.router.RouteAttributes;

import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.Optional;

/**
 * Turns every error Micronaut itself reports (unknown route, 405, 415, 413, malformed JSON,
 * conversion failures) into the same problem+json shape our own handlers produce. For a 400, the
 * failing input is named from the exception behind it where possible (see {@link RequestErrors#fromCause}).
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private final JsonMapper json;

    public ProblemErrorResponseProcessor(JsonMapper json) {
        this.json = json;
    }

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
        // The exception behind a 400 names the field and the expected shape better than its message does.
        Optional<Problem.FieldError> cause = status == HttpStatus.BAD_REQUEST
                ? RequestErrors.fromCause(context.getRootCause().orElse(null)) : Optional.empty();
        if (cause.isPresent()) {
            fields.add(cause.get());
            if ("body".equals(cause.get().field()) && cause.get().message().startsWith("is not valid JSON")) {
                detail = "The request body is not valid JSON";
            }
        }
        for (Error e : cause.isPresent() ? List.<Error>of() : context.getErrors()) {
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
        boolean bodyUnreadable = context.getErrors().stream()
                .anyMatch(e -> e.getPath().map(p -> p.replaceFirst("^/", "")).filter("body"::equals).isPresent());
        if (status == HttpStatus.BAD_REQUEST && bodyUnreadable) {
            // The body did not deserialise: name the fields whose JSON types are wrong.
            List<Problem.FieldError> typed = typeErrors(context);
            if (!typed.isEmpty()) {
                fields = typed;
                detail = "The request has fields of the wrong type";
            }
        }
        if (detail == null) {
            detail = defaultDetail(status, fields);
        }
        return ((MutableHttpResponse<Problem>) response)
                .body(Problems.problem(status, detail, fields))
                .contentType(MediaType.of(Problem.MEDIA_TYPE));
    }

    private List<Problem.FieldError> typeErrors(ErrorContext context) {
        try {
            Optional<Argument<?>> bodyType = RouteAttributes.getRouteMatch(context.getRequest())
                    .flatMap(m -> m.getRouteInfo().getRequestBodyType());
            Optional<String> body = RawBodyFilter.rawBody(context.getRequest());
            if (bodyType.isEmpty() || body.isEmpty()) {
                return List.of();
            }
            JsonNode tree = json.readValue(body.get(), JsonNode.class);
            return BodyTypeChecker.check(tree, bodyType.get());
        } catch (Exception e) {
            return List.of(); // malformed JSON: the parser's own message says where
        }
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
