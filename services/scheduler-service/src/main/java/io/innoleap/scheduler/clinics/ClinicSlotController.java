package io.innoleap.scheduler.clinics;

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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Controller("/api/clinic-slots")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Clinic slots")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClinicSlotController {

    private final ClinicSlots slots;

    public ClinicSlotController(ClinicSlots slots) {
        this.slots = slots;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a coordinator's availability: one clinic slot (15..240 minutes, in the future)")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new slot")
    @ApiResponse(responseCode = "409", description = "Overlaps another slot of the same coordinator (by email)")
    public HttpResponse<ClinicSlotResource> create(@Body ClinicSlotRequest body) {
        ClinicSlotResource created = slots.create(body);
        return HttpResponse.created(created, URI.create("/api/clinic-slots/" + created.id()));
    }

    @Get("/{id}")
    @Operation(summary = "One clinic slot, with whether it can be booked and which clinic holds it")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public ClinicSlotResource get(@PathVariable UUID id) {
        return slots.get(id);
    }

    @Get
    @Operation(summary = "Clinic slots by start time; available=true: not started and not held by a clinic")
    public Page<ClinicSlotResource> list(@QueryValue @Nullable Boolean available,
                                         @QueryValue @Nullable Integer page,
                                         @QueryValue @Nullable Integer size) {
        return slots.list(available, page, size);
    }
}
