package io.innoleap.problems.api;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.problems.domain.ProblemStatements;
import io.innoleap.servicekit.api.Page;
import io.innoleap.servicekit.api.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.UUID;

@Controller("/api/problem-statements")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Problem statements")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProblemStatementController {

    private final ProblemStatements problemStatements;

    public ProblemStatementController(ProblemStatements problemStatements) {
        this.problemStatements = problemStatements;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a problem statement (status OPEN)")
    @ApiResponse(responseCode = "201", description = "Published; Location names the new resource")
    @ApiResponse(responseCode = "413", description = "Body over 64 KiB")
    @ApiResponse(responseCode = "415", description = "Body is not application/json")
    public HttpResponse<ProblemStatementSnapshot> publish(@Body @Valid ProblemStatementRequest body) {
        ProblemStatementSnapshot created = problemStatements.publish(body);
        return HttpResponse.created(created, URI.create("/api/problem-statements/" + created.id()));
    }

    @Get("/{id}")
    @Operation(summary = "One problem statement")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public ProblemStatementSnapshot get(@PathVariable UUID id) {
        return problemStatements.get(id);
    }

    @Get
    @Operation(summary = "Problem statements, newest first, filtered by theme, agency code and status")
    public Page<ProblemStatementSnapshot> list(@QueryValue @Nullable String theme,
                                               @QueryValue @Nullable String agency,
                                               @QueryValue @Nullable ProblemStatementStatus status,
                                               @QueryValue @Nullable Integer page,
                                               @QueryValue @Nullable Integer size) {
        return Page.of(problemStatements.list(theme, agency, status, page, size), s -> s);
    }

    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a problem statement (full body plus the version you read; may change status)")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    @ApiResponse(responseCode = "409", description = "Stale version, or the statement is CLOSED")
    public ProblemStatementSnapshot update(@PathVariable UUID id, @Body @Valid ProblemStatementRequest body) {
        return problemStatements.update(id, body);
    }

    @Post("/{id}/withdraw")
    @Operation(summary = "Withdraw a problem statement: status CLOSED (repeating it changes nothing)")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public ProblemStatementSnapshot withdraw(@PathVariable UUID id) {
        return problemStatements.withdraw(id);
    }
}
