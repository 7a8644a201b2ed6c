package io.innoleap.scheduler.workshops;

import io.innoleap.scheduler.workshops.WorkshopViews.DemandList;
import io.innoleap.scheduler.workshops.WorkshopViews.Workshop;
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
import jakarta.validation.Valid;

import java.net.URI;
import java.util.UUID;

@Controller("/api/workshops")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Thematic workshops")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WorkshopController {

    private final ThematicWorkshops workshops;

    public WorkshopController(ThematicWorkshops workshops) {
        this.workshops = workshops;
    }

    @Get("/demand")
    @Operation(summary = "Themes ranked by agencies' unmet demand (open problem statements, distinct agencies, "
            + "immediate-operational weight), with those counts")
    public DemandList demand() {
        return workshops.demand();
    }

    @Post(uri = "/plan", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Plan the next thematic workshop: the top-demand theme without an upcoming workshop, on the "
            + "earliest working day 8 to 13 weeks after the previous workshop (and not before notBefore), with the "
            + "agencies that have open statements on it and the best-matched providers up to capacity; publishes "
            + "WorkshopPlanned and emails invitations with an .ics")
    @ApiResponse(responseCode = "201", description = "Planned; Location names the new workshop")
    @ApiResponse(responseCode = "409", description = "No uncovered demand, or no working day fits both the cadence and notBefore",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Workshop> plan(@Body @Valid WorkshopsRequests.PlanWorkshop body) {
        Workshop planned = workshops.plan(body);
        return HttpResponse.created(planned, URI.create("/api/workshops/" + planned.id()));
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Book an explicit workshop; participants and invited providers are found as for a plan; "
            + "publishes WorkshopPlanned and emails invitations with an .ics")
    @ApiResponse(responseCode = "201", description = "Booked; Location names the new workshop")
    @ApiResponse(responseCode = "409", description = "The date breaks the 8-to-13-week cadence (send overrideCadence=true to book anyway)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Workshop> book(@Body @Valid WorkshopsRequests.BookWorkshop body) {
        Workshop booked = workshops.book(body);
        return HttpResponse.created(booked, URI.create("/api/workshops/" + booked.id()));
    }

    @Get
    @Operation(summary = "Workshops in date order")
    public Page<Workshop> list(@QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size) {
        return workshops.list(page, size);
    }

    @Get("/{id}")
    @Operation(summary = "One workshop")
    @ApiResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Workshop get(@PathVariable UUID id) {
        return workshops.get(id);
    }
}
