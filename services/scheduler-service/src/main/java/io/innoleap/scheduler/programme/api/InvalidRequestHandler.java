package io.innoleap.scheduler.programme.api;

import io.innoleap.scheduler.programme.domain.InvalidRequestException;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.api.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A rule's field errors ({@link InvalidRequestException}) answer 400 with every failing field in
 * {@code errors[]}: the same problem type as a body that fails its annotations, so a client sees one
 * kind of "invalid request" whichever layer caught the field.
 */
@Produces
@Singleton
public class InvalidRequestHandler implements ExceptionHandler<InvalidRequestException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidRequestException e) {
        return Problems.response(request, HttpStatus.BAD_REQUEST, "The request has invalid fields",
                e.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList());
    }
}
