package io.innoleap.servicekit.api;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns every error Micronaut itself reports (unknown route, 405, 413, 415, a body that does not
 * fit, a query or path value that does not convert, an unexpected failure) into the problem+json
 * our own handlers produce. A refused body carries its field list ({@link InvalidRequestBodyException},
 * from {@link JsonRequestBodyReader}); a query or path value is named from the argument it was for.
 * A 500 never shows the exception: the client gets a generic text and an error id, the log gets both.
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    @Override
    @NonNull
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context, @NonNull MutableHttpResponse<?> response) {
        MutableHttpResponse<Problem> problem = (MutableHttpResponse<Problem>) response;
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return problem;
        }
        Throwable root = context.getRootCause().orElse(null);
        Optional<InvalidRequestBodyException> refusedBody = RequestErrors.find(root, InvalidRequestBodyException.class);
        Problem body;
        if (refusedBody.isPresent()) {
            problem.status(HttpStatus.BAD_REQUEST);
            body = Problems.problem(HttpStatus.BAD_REQUEST, refusedBody.get().getMessage(), refusedBody.get().errors());
        } else if (response.getStatus().getCode() >= 500) {
            String errorId = UUID.randomUUID().toString();
            LOG.error("{} {} failed with error id {}", context.getRequest().getMethod(), context.getRequest().getPath(),
                    errorId, root);
            body = Problems.serverError(response.getStatus(), errorId);
        } else {
            HttpStatus status = response.getStatus();
            List<Problem.FieldError> fields = status == HttpStatus.BAD_REQUEST
                    ? RequestErrors.fromCause(root).map(List::of).orElse(List.of()) : List.of();
            body = Problems.problem(status, defaultDetail(status, fields), fields);
        }
        if (response.getStatus() == HttpStatus.UNAUTHORIZED) {
            // RFC 6750: a token was sent and refused, or none was sent.
            boolean tokenSent = context.getRequest().getHeaders().getAuthorization().isPresent();
            problem.header(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        return problem.body(body).contentType(MediaType.of(Problem.MEDIA_TYPE));
    }

    private static String defaultDetail(HttpStatus status, List<Problem.FieldError> fields) {
        return switch (status) {
            case BAD_REQUEST -> fields.isEmpty() ? "The request is malformed" : "The request has invalid fields";
            case NOT_FOUND -> "No resource at this address";
            case METHOD_NOT_ALLOWED -> "This address does not answer that method";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than the 64 KiB limit";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
            case NOT_ACCEPTABLE -> "This address cannot answer in the media type asked for";
            case UNAUTHORIZED -> "Send a valid access token: Authorization: Bearer <token> from the programme's identity provider";
            case FORBIDDEN -> "Your role does not allow this";
            default -> status.getReason();
        };
    }
}
