package io.innoleap.problems.api;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.problems.domain.ProblemStatements;
import io.innoleap.servicekit.api.Page;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.UUID;

@Controller("/api/problem-statements")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Problem statements")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller's role does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@SecurityRequirement(name = "bearer")
public class ProblemStatementController {

    private final ProblemStatements problemStatements;

    public ProblemStatementController(ProblemStatements problemStatements) {
        this.problemStatements = problemStatements;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.AGENCY, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Publish a problem statement (status OPEN): an agency officer for their own agency, "
            + "the programme office for any")
    @ApiResponse(responseCode = "201", description = "Published; Location names the new resource. A retry with the "
            + "same Idempotency-Key and body answers the same again and creates nothing")
    @ApiResponse(responseCode = "403", description = "The body names another agency than the caller's")
    @ApiResponse(responseCode = "413", description = "Body over 64 KiB")
    @ApiResponse(responseCode = "415", description = "Body is not application/json")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
    public HttpResponse<ProblemStatementSnapshot> publish(Caller caller,
                                                          @Header(IdempotencyKeys.HEADER) @Nullable String idempotencyKey,
                                                          @Body @Valid ProblemStatementRequest body) {
        ProblemStatementSnapshot created = problemStatements.publish(caller, idempotencyKey, body);
        return HttpResponse.created(created, URI.create("/api/problem-statements/" + created.id()));
    }

    @Get("/{id}")
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "One problem statement (contact only for its agency, coordinators and the programme office)")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public ProblemStatementSnapshot get(Caller caller, @PathVariable UUID id) {
        return ContactVisibility.forReader(caller, problemStatements.get(id));
    }

    @Get
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Problem statements, newest first, filtered by theme, agency code and status")
    public Page<ProblemStatementSnapshot> list(Caller caller,
                                               @QueryValue @Nullable String theme,
                                               @QueryValue @Nullable String agency,
                                               @QueryValue @Nullable ProblemStatementStatus status,
                                               @QueryValue @Nullable Integer page,
                                               @QueryValue @Nullable Integer size) {
        return Page.of(problemStatements.list(theme, agency, status, page, size), s -> ContactVisibility.forReader(caller, s));
    }

    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.AGENCY, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Replace a problem statement (full body plus the version you read; may change status): "
            + "its agency or the programme office")
    @ApiResponse(responseCode = "403", description = "The statement belongs to another agency")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    @ApiResponse(responseCode = "409", description = "Stale version, or the statement is CLOSED")
    public ProblemStatementSnapshot update(Caller caller, @PathVariable UUID id, @Body @Valid ProblemStatementRequest body) {
        return problemStatements.update(caller, id, body);
    }

    @Post("/{id}/withdraw")
    @Secured({Roles.AGENCY, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Withdraw a problem statement: status CLOSED (repeating it changes nothing): its agency "
            + "or the programme office")
    @ApiResponse(responseCode = "403", description = "The statement belongs to another agency")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public ProblemStatementSnapshot withdraw(Caller caller, @PathVariable UUID id) {
        return problemStatements.withdraw(caller, id);
    }
}
