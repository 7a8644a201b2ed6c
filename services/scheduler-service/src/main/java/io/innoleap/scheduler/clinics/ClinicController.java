package io.innoleap.scheduler.clinics;

import io.innoleap.servicekit.api.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

@Controller("/api/clinics")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Clinics")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClinicController {

    private final Clinics clinics;

    public ClinicController(Clinics clinics) {
        this.clinics = clinics;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a 1-1 clinic on an OPEN problem statement in a slot: PENDING_CONFIRMATION, "
            + "slot held, linked companies = the problem's best matches, coordinator emailed a confirmation link")
    @ApiResponse(responseCode = "201", description = "Requested; Location names the clinic")
    @ApiResponse(responseCode = "404", description = "Unknown problem statement or slot")
    @ApiResponse(responseCode = "409", description = "Slot already held or started, or the problem statement is not OPEN")
    public HttpResponse<ClinicResource> request(@Body @Valid ClinicRequest body) {
        ClinicResource created = clinics.request(body);
        return HttpResponse.created(created, URI.create("/api/clinics/" + created.id()));
    }

    @Get("/{id}")
    @Operation(summary = "One clinic")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    public ClinicResource get(@PathVariable UUID id) {
        return clinics.get(id);
    }
}
