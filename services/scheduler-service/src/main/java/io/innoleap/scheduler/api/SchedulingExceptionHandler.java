package io.innoleap.scheduler.api;

import io.innoleap.scheduler.domain.InvalidRequestException;
import io.innoleap.scheduler.domain.SchedulingException;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.api.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Maps every typed domain refusal ({@link SchedulingException}) to problem+json with the status
 * the exception names ({@link SchedulingException#httpStatus()}); field errors of an
 * {@link InvalidRequestException} become the {@code errors[]} entries. Shared by workshops,
 * sharing days and clinics.
 */
@Produces
@Singleton
public class SchedulingExceptionHandler implements ExceptionHandler<SchedulingException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, SchedulingException e) {
        HttpStatus status = HttpStatus.valueOf(e.httpStatus());
        return Problems.response(request, status, detail(e), errors(e));
    }

    /** The problem+json entries for a domain exception (empty unless it lists failing fields). */
    public static List<Problem.FieldError> errors(SchedulingException e) {
        if (e instanceof InvalidRequestException invalid) {
            return invalid.errors().stream()
                    .map(f -> new Problem.FieldError(f.field(), f.message()))
                    .toList();
        }
        return List.of();
    }

    private static String detail(SchedulingException e) {
        if (e instanceof InvalidRequestException) {
            return "The request has invalid fields";
        }
        return e.getMessage() == null ? e.title() : e.getMessage();
    }
}
