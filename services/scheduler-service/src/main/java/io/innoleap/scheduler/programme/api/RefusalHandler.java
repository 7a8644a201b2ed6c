package io.innoleap.scheduler.programme.api;

import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.api.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;

import java.net.URI;
import java.util.Objects;

/**
 * Answers one kind of domain refusal with problem+json of its own {@code type}, so a client can
 * tell a cadence conflict from a taken slot without parsing {@code detail}. The domain throws plain
 * exceptions; each feature's {@code api} package says, in one place, which status, type and title
 * each of its refusals gets (e.g. {@code WorkshopProblems}). The exception's message is the detail.
 */
public abstract class RefusalHandler<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<Problem>> {

    private final HttpStatus status;
    private final String type;
    private final String title;

    /** {@code slug} names the problem type under servicekit's problem base URI (e.g. {@code cadence-violation}). */
    protected RefusalHandler(HttpStatus status, String slug, String title) {
        this.status = Objects.requireNonNull(status);
        this.type = typeUri(status, slug);
        this.title = Objects.requireNonNull(title);
    }

    /** The problem type URI for {@code slug}: a sibling of servicekit's generic type for {@code status}. */
    public static String typeUri(HttpStatus status, String slug) {
        return URI.create(Problems.typeFor(status)).resolve(slug).toString();
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, E e) {
        // servicekit's helper decides HEAD handling and the content type; only type and title are ours.
        MutableHttpResponse<Problem> response = Problems.response(request, status, e.getMessage(), java.util.List.of());
        response.getBody().ifPresent(generic -> response.body(
                new Problem(type, title, generic.status(), generic.detail(), generic.errors())));
        return response;
    }
}
