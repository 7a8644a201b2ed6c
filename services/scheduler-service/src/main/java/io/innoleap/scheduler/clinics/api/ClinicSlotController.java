package io.innoleap.scheduler.clinics.api;

import io.innoleap.scheduler.clinics.ClinicSlots;

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
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

@Controller("/api/clinic-slots")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Clinic slots")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller's role does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@SecurityRequirement(name = "bearer")
public class ClinicSlotController {

    private final ClinicSlots slots;

    public ClinicSlotController(ClinicSlots slots) {
        this.slots = slots;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Publish a coordinator's availability: one clinic slot (15..240 minutes, in the future). "
            + "A coordinator publishes for themselves (name and email from the access token; the body may omit "
            + "coordinator); the programme office publishes for any coordinator, named in the body")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new slot. A retry with the same "
            + "Idempotency-Key and body answers the same slot again and creates nothing")
    @ApiResponse(responseCode = "403", description = "A coordinator's body names another coordinator's email, or the "
            + "coordinator's token carries no email")
    @ApiResponse(responseCode = "409", description = "Overlaps another slot of the same coordinator (by email)")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
    public HttpResponse<ClinicSlotResource> create(Caller caller,
                                                   @Header(IdempotencyKeys.HEADER) @Nullable String idempotencyKey,
                                                   @Body @Valid ClinicSlotRequest body) {
        ClinicSlotResource created = slots.create(caller, idempotencyKey, body);
        return HttpResponse.created(created, URI.create("/api/clinic-slots/" + created.id()));
    }

    @Get("/{id}")
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "One clinic slot, with whether it can be booked and which clinic holds it (the coordinator's "
            + "contact only for coordinators and the programme office)")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public ClinicSlotResource get(Caller caller, @PathVariable UUID id) {
        return ContactVisibility.forReader(caller, slots.get(id));
    }

    @Get
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Clinic slots by start time; available=true: not started and not held by a clinic (the "
            + "coordinator's contact only for coordinators and the programme office)")
    public Page<ClinicSlotResource> list(Caller caller,
                                         @QueryValue @Nullable Boolean available,
                                         @QueryValue @Nullable Integer page,
                                         @QueryValue @Nullable Integer size) {
        Page<ClinicSlotResource> found = slots.list(available, page, size);
        return new Page<>(found.items().stream().map(s -> ContactVisibility.forReader(caller, s)).toList(),
                found.page(), found.size(), found.totalItems());
    }
}
