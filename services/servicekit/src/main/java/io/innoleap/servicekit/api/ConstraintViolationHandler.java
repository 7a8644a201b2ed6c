package io.innoleap.servicekit.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.Comparator;
import java.util.List;

/**
 * Bean-validation failures as one 400 naming every failing field by its JSON path
 * ({@code themes[0]}, {@code contact.email}), not by the Java method and parameter names.
 */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldPath(v), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return Problems.response(request, HttpStatus.BAD_REQUEST, "The request has invalid fields", errors);
    }

    /** Drops the method and parameter nodes; keeps properties and container indexes. */
    static String fieldPath(ConstraintViolation<?> v) {
        StringBuilder sb = new StringBuilder();
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getName() == null || node.getName().startsWith("<")) {
                // A container element node ("<list element>"): its index belongs to the previous property.
                if (node.getIndex() != null) {
                    sb.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(node.getName());
            if (node.isInIterable() && node.getIndex() != null && kind != ElementKind.PROPERTY) {
                sb.append('[').append(node.getIndex()).append(']');
            }
        }
        if (sb.length() == 0) {
            return parameter == null ? "body" : parameter;
        }
        return sb.toString();
    }
}
