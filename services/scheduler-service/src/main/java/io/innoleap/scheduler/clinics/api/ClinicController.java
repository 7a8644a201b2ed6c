package io.innoleap.scheduler.clinics.api;

import io.innoleap.scheduler.clinics.Clinics;

import io.innoleap.scheduler.programme.api.CancellationRequest;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

@Controller("/api/clinics")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Clinics")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller's role does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@SecurityRequirement(name = "bearer")
public class ClinicController {

    private final Clinics clinics;

    public ClinicController(Clinics clinics) {
        this.clinics = clinics;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.AGENCY, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Request a 1-1 clinic on an OPEN problem statement in a slot: PENDING_CONFIRMATION, "
            + "slot held, linked companies = the problem's best matches, coordinator emailed a confirmation link. "
            + "The agency that owns the statement, or the programme office")
    @ApiResponse(responseCode = "201", description = "Requested; Location names the clinic. A retry with the same "
            + "Idempotency-Key and body answers the same clinic again and books and publishes nothing")
    @ApiResponse(responseCode = "403", description = "The problem statement belongs to another agency")
    @ApiResponse(responseCode = "404", description = "Unknown problem statement or slot")
    @ApiResponse(responseCode = "409", description = "Slot already held or started, or the problem statement is not OPEN")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
    public HttpResponse<ClinicResource> request(Caller caller,
                                                @Header(IdempotencyKeys.HEADER) @Nullable String idempotencyKey,
                                                @Body @Valid ClinicRequest body) {
        ClinicResource created = clinics.request(caller, idempotencyKey, body);
        return HttpResponse.created(created, URI.create("/api/clinics/" + created.id()));
    }

    @Get("/{id}")
    @Secured({Roles.AGENCY, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "One clinic: for its agency, its coordinator and the programme office")
    @ApiResponse(responseCode = "404", description = "Unknown id, or a clinic of another agency or coordinator (the "
            + "answer does not tell whether it exists)")
    public ClinicResource get(Caller caller, @PathVariable UUID id) {
        return clinics.get(caller, id);
    }

    @Post(uri = "/{id}/cancel", consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.AGENCY, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Cancel a pending or confirmed clinic that has not started, with a reason: CANCELLED, the slot "
            + "is free again, a confirmed clinic's participants get an .ics with METHOD:CANCEL, the coordinator is "
            + "told; publishes ClinicCancelled. Its agency, its coordinator and the programme office")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "Unknown id, or a clinic of another agency or coordinator")
    @ApiResponse(responseCode = "409", description = "Already declined, expired or cancelled, or already started")
    public ClinicResource cancel(Caller caller, @PathVariable UUID id, @Body @Valid CancellationRequest body) {
        return clinics.cancel(caller, id, body.reason());
    }
}
