package io.innoleap.solutions.api;

import io.innoleap.contracts.events.OrganisationType;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.servicekit.api.Page;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.solutions.domain.SolutionProfiles;
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

@Controller("/api/solution-profiles")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Solution profiles")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SolutionProfileController {

    private final SolutionProfiles solutionProfiles;

    public SolutionProfileController(SolutionProfiles solutionProfiles) {
        this.solutionProfiles = solutionProfiles;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a solution profile (status ACTIVE)")
    @ApiResponse(responseCode = "201", description = "Registered; Location names the new resource")
    @ApiResponse(responseCode = "413", description = "Body over 64 KiB")
    @ApiResponse(responseCode = "415", description = "Body is not application/json")
    public HttpResponse<SolutionProfileSnapshot> register(@Body @Valid SolutionProfileRequest body) {
        SolutionProfileSnapshot created = solutionProfiles.register(body);
        return HttpResponse.created(created, URI.create("/api/solution-profiles/" + created.id()));
    }

    @Get("/{id}")
    @Operation(summary = "One solution profile")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public SolutionProfileSnapshot get(@PathVariable UUID id) {
        return solutionProfiles.get(id);
    }

    @Get
    @Operation(summary = "Solution profiles, newest first, filtered by theme, organisation type and status")
    public Page<SolutionProfileSnapshot> list(@QueryValue @Nullable String theme,
                                              @QueryValue @Nullable OrganisationType type,
                                              @QueryValue @Nullable SolutionProfileStatus status,
                                              @QueryValue @Nullable Integer page,
                                              @QueryValue @Nullable Integer size) {
        return Page.of(solutionProfiles.list(theme, type, status, page, size), s -> s);
    }

    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a solution profile (full body plus the version you read; "
            + "may change status to ACTIVE or WITHDRAWN, and WITHDRAWN is final)")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    @ApiResponse(responseCode = "409", description = "Stale version, or the profile is WITHDRAWN")
    public SolutionProfileSnapshot update(@PathVariable UUID id, @Body @Valid SolutionProfileRequest body) {
        return solutionProfiles.update(id, body);
    }

    @Post("/{id}/withdraw")
    @Operation(summary = "Withdraw a solution profile: status WITHDRAWN (repeating it changes nothing)")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public SolutionProfileSnapshot withdraw(@PathVariable UUID id) {
        return solutionProfiles.withdraw(id);
    }
}
