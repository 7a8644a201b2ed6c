package io.innoleap.matcher.api;

import io.innoleap.contracts.events.MatchFeedbackSnapshot;
import io.innoleap.contracts.events.MatchFeedbackSnapshot.Side;
import io.innoleap.contracts.events.MatchFeedbackSnapshot.Verdict;
import io.innoleap.matcher.matching.MatchFeedback;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Roles;
import io.innoleap.servicekit.text.TextValidators;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Controller("/api/matches/feedback")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Matches")
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class FeedbackController {

    static final int REASON_LIMIT = 2000;

    private final MatchFeedback feedback;

    public FeedbackController(MatchFeedback feedback) {
        this.feedback = feedback;
    }

    /** The body as sent; checked here so that every bad field is named. */
    @Serdeable
    public record FeedbackRequest(
            @Schema(description = "Problem statement id (UUID)", requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable String problemStatementId,
            @Schema(description = "Solution profile id (UUID)", requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable String solutionProfileId,
            @Schema(description = "RELEVANT or NOT_RELEVANT", requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable String verdict,
            @Schema(description = "Why, in a few words (optional, up to 2000 characters, line breaks allowed)")
            @Nullable String reason,
            @Schema(description = "AGENCY or PROVIDER: only for the programme office, which may speak for either "
                    + "(default AGENCY); others speak for their own side")
            @Nullable String side) {
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "A verdict on one match, from the agency that owns the problem statement or the provider "
            + "that owns the profile (the programme office for either). The agency's NOT_RELEVANT takes the pair off "
            + "the problem's list until either text changes; its RELEVANT keeps (or puts back) the pair. Published "
            + "on innoleap.match-feedback")
    @ApiResponse(responseCode = "201", description = "The verdict, as published")
    @ApiResponse(responseCode = "400", description = "A field is missing or invalid (each one named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "Neither the problem's agency nor the profile's provider",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "Unknown problem statement or profile, or the matcher never "
            + "paired them", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<MatchFeedbackSnapshot> give(Caller caller,
                                                    @Header(IdempotencyKeys.HEADER) @Nullable String idempotencyKey,
                                                    @Body FeedbackRequest body) {
        return HttpResponse.created(feedback.give(caller, idempotencyKey, checked(body), body));
    }

    static MatchFeedback.Request checked(FeedbackRequest body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        UUID problem = uuid("problemStatementId", body.problemStatementId(), errors);
        UUID profile = uuid("solutionProfileId", body.solutionProfileId(), errors);
        Verdict verdict = oneOf("verdict", body.verdict(), Verdict.class, true, errors);
        Side side = oneOf("side", body.side(), Side.class, false, errors);
        String reason = body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        if (reason != null && reason.length() > REASON_LIMIT) {
            errors.add(new Problem.FieldError("reason", "must be at most " + REASON_LIMIT + " characters"));
        } else if (reason != null && TextValidators.hasControlCharacter(reason, true)) {
            errors.add(new Problem.FieldError("reason", "must not contain control characters other than line breaks"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "The request has invalid fields", errors);
        }
        return new MatchFeedback.Request(problem, profile, verdict, reason, side);
    }

    private static UUID uuid(String field, @Nullable String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required"));
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, "must be a UUID"));
            return null;
        }
    }

    private static <E extends Enum<E>> E oneOf(String field, @Nullable String value, Class<E> type, boolean required,
                                               List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new Problem.FieldError(field, "is required"));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            errors.add(new Problem.FieldError(field, "must be one of " + String.join(", ", allowed)));
            return null;
        }
    }
}
