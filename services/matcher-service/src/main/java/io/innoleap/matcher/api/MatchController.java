package io.innoleap.matcher.api;

import io.innoleap.matcher.matching.MatchQueries;
import io.innoleap.matcher.store.MatchRow;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Controller("/api/matches")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Matches")
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "Not the owner of this problem statement or profile, nor a "
        + "coordinator or the programme office",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MatchController {

    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    private final MatchQueries queries;

    public MatchController(MatchQueries queries) {
        this.queries = queries;
    }

    @Get
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Current matches of one problem statement (best rank first: for its agency, coordinators "
            + "and the programme office) or of one solution profile (highest score first: for its provider, "
            + "coordinators and the programme office); give exactly one of the two ids")
    @ApiResponse(responseCode = "200", description = "The matches; empty items when the id is known but has none")
    @ApiResponse(responseCode = "400", description = "Neither or both ids, an id that is not a UUID, or limit outside 1..100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "The matcher has never seen this problem statement or profile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MatchList list(
            Caller caller,
            @Parameter(description = "Problem statement id (UUID)") @QueryValue @Nullable String problemStatementId,
            @Parameter(description = "Solution profile id (UUID)") @QueryValue @Nullable String solutionProfileId,
            @Parameter(description = "1..100, default 10", schema = @Schema(type = "integer", minimum = "1",
                    maximum = "100", defaultValue = "10")) @QueryValue @Nullable String limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean byProblem = present(problemStatementId);
        boolean byProfile = present(solutionProfileId);
        if (byProblem == byProfile) {
            String message = byProblem
                    ? "give either problemStatementId or solutionProfileId, not both"
                    : "either problemStatementId or solutionProfileId is required";
            errors.add(new Problem.FieldError("problemStatementId", message));
            errors.add(new Problem.FieldError("solutionProfileId", message));
        }
        UUID problemId = byProblem ? uuid("problemStatementId", problemStatementId, errors) : null;
        UUID profileId = byProfile ? uuid("solutionProfileId", solutionProfileId, errors) : null;
        int max = limit(limit, errors);
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "The request has invalid fields", errors);
        }
        List<MatchRow> rows = problemId != null
                ? queries.forProblemStatement(caller, problemId, max)
                        .orElseThrow(() -> ApiException.notFound("Problem statement", problemId))
                : queries.forSolutionProfile(caller, profileId, max)
                        .orElseThrow(() -> ApiException.notFound("Solution profile", profileId));
        return MatchList.of(rows, queries.verdicts(rows));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static UUID uuid(String field, String value, List<Problem.FieldError> errors) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, "must be a UUID"));
            return null;
        }
    }

    private static int limit(String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError("limit", "must be an integer between 1 and " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }
}
