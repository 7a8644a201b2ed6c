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

import io.micronaut.validation.validator.Validator;
import jakarta.validation.ConstraintViolation;

import java.util.ArrayList;
import java.util.Map;
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
    private final Validator validator;

    public ProblemErrorResponseProcessor(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
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
            List<Problem.FieldError> typed = BodyTypeChecker.check(tree, bodyType.get());
            if (typed.isEmpty() || typed.stream().anyMatch(f -> "body".equals(f.field()))) {
                return typed;
            }
            List<Problem.FieldError> all = new ArrayList<>(typed);
            all.addAll(otherViolations(body.get(), bodyType.get(), typed));
            all.sort(java.util.Comparator.comparing(Problem.FieldError::field));
            return all;
        } catch (Exception e) {
            return List.of(); // malformed JSON: the parser's own message says where
        }
    }

    /**
     * The rest of the list: the body with its wrongly typed fields blanked, deserialised and
     * validated, so one response names every failing field, not only the mistyped ones.
     */
    @SuppressWarnings("unchecked")
    private List<Problem.FieldError> otherViolations(String body, Argument<?> type, List<Problem.FieldError> typed) {
        try {
            Map<String, Object> tree = json.readValue(body, Argument.mapOf(String.class, Object.class));
            for (Problem.FieldError f : typed) {
                blank(tree, f.field());
            }
            Object value = json.readValue(json.writeValueAsBytes(tree), type);
            List<Problem.FieldError> more = new ArrayList<>();
            for (ConstraintViolation<Object> v : validator.validate(value)) {
                String field = ConstraintViolationHandler.fieldPath(v);
                boolean covered = typed.stream().anyMatch(t -> field.equals(t.field()) || field.startsWith(t.field() + ".")
                        || field.startsWith(t.field() + "["));
                if (!covered) {
                    more.add(new Problem.FieldError(field, v.getMessage()));
                }
            }
            return more.stream().distinct().toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** Sets the value at a path like {@code contact.email} or {@code themes[1]} to null. */
    @SuppressWarnings("unchecked")
    private static void blank(Map<String, Object> root, String path) {
        Object node = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
            boolean last = i == parts.length - 1;
            if (!(node instanceof Map)) {
                return;
            }
            Map<String, Object> map = (Map<String, Object>) node;
            if (!part.contains("[")) {
                if (last) {
                    map.put(name, null);
                    return;
                }
                node = map.get(name);
                continue;
            }
            Object list = map.get(name);
            int index = Integer.parseInt(part.substring(part.indexOf('[') + 1, part.indexOf(']')));
            if (!(list instanceof List) || index >= ((List<Object>) list).size()) {
                return;
            }
            if (last) {
                ((List<Object>) list).set(index, null);
                return;
            }
            node = ((List<Object>) list).get(index);
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
