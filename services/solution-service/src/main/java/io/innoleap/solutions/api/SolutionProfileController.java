package io.innoleap.solutions.api;

import io.innoleap.contracts.events.OrganisationType;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.servicekit.api.Page;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Role;
import io.innoleap.servicekit.security.Roles;
import io.innoleap.solutions.domain.SolutionProfiles;
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

@Controller("/api/solution-profiles")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Solution profiles")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller's role does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@SecurityRequirement(name = "bearer")
public class SolutionProfileController {

    private final SolutionProfiles solutionProfiles;

    public SolutionProfileController(SolutionProfiles solutionProfiles) {
        this.solutionProfiles = solutionProfiles;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.PROVIDER, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Register a solution profile (status ACTIVE): a provider for its own organisation "
            + "(organisation.uen must be the token's uen), the programme office for any")
    @ApiResponse(responseCode = "201", description = "Registered; Location names the new resource. A retry with the "
            + "same Idempotency-Key and body answers the same again and creates nothing")
    @ApiResponse(responseCode = "403", description = "organisation.uen is missing or not the caller's")
    @ApiResponse(responseCode = "413", description = "Body over 64 KiB")
    @ApiResponse(responseCode = "415", description = "Body is not application/json")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
    public HttpResponse<SolutionProfileSnapshot> register(Caller caller,
                                                          @Header(IdempotencyKeys.HEADER) @Nullable String idempotencyKey,
                                                          @Body @Valid SolutionProfileRequest body) {
        SolutionProfileSnapshot created = solutionProfiles.register(caller, idempotencyKey, body);
        return HttpResponse.created(created, URI.create("/api/solution-profiles/" + created.id()));
    }

    @Get("/{id}")
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "One solution profile (contact only for its provider, coordinators and the programme office)")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public SolutionProfileSnapshot get(Caller caller, @PathVariable UUID id) {
        return forReader(caller, solutionProfiles.get(id));
    }

    @Get
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Solution profiles, newest first, filtered by theme, organisation type and status")
    public Page<SolutionProfileSnapshot> list(Caller caller,
                                              @QueryValue @Nullable String theme,
                                              @QueryValue @Nullable OrganisationType type,
                                              @QueryValue @Nullable SolutionProfileStatus status,
                                              @QueryValue @Nullable Integer page,
                                              @QueryValue @Nullable Integer size) {
        return Page.of(solutionProfiles.list(theme, type, status, page, size), s -> forReader(caller, s));
    }

    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.PROVIDER, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Replace a solution profile (full body plus the version you read; "
            + "may change status to ACTIVE or WITHDRAWN, and WITHDRAWN is final): its provider or the programme office")
    @ApiResponse(responseCode = "403", description = "The profile belongs to another organisation")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    @ApiResponse(responseCode = "409", description = "Stale version, or the profile is WITHDRAWN")
    public SolutionProfileSnapshot update(Caller caller, @PathVariable UUID id, @Body @Valid SolutionProfileRequest body) {
        return solutionProfiles.update(caller, id, body);
    }

    @Post("/{id}/withdraw")
    @Secured({Roles.PROVIDER, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Withdraw a solution profile: status WITHDRAWN (repeating it changes nothing): its provider "
            + "or the programme office")
    @ApiResponse(responseCode = "403", description = "The profile belongs to another organisation")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public SolutionProfileSnapshot withdraw(Caller caller, @PathVariable UUID id) {
        return solutionProfiles.withdraw(caller, id);
    }

    /** A contact is personal data: shown to the owning provider, coordinators and the programme office only. */
    private static SolutionProfileSnapshot forReader(Caller caller, SolutionProfileSnapshot s) {
        boolean mayRead = caller.isOffice() || caller.has(Role.COORDINATOR)
                || (s.organisation().uen() != null && caller.actsForUen(s.organisation().uen()));
        return mayRead ? s : new SolutionProfileSnapshot(s.id(), s.organisation(), s.solutionName(), s.summary(),
                s.themes(), s.keywords(), s.readinessLevel(), null, s.status(), s.version(), s.createdAt(), s.updatedAt());
    }
}
