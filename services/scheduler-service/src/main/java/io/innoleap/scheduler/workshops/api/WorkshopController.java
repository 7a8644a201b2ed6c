package io.innoleap.scheduler.workshops.api;

import io.innoleap.scheduler.workshops.ThematicWorkshops;

import io.innoleap.scheduler.workshops.api.WorkshopViews.DemandList;
import io.innoleap.scheduler.workshops.api.WorkshopViews.Workshop;
import io.innoleap.scheduler.programme.api.CancellationRequest;
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

@Controller("/api/workshops")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Thematic workshops")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller's role does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@SecurityRequirement(name = "bearer")
public class WorkshopController {

    private final ThematicWorkshops workshops;

    public WorkshopController(ThematicWorkshops workshops) {
        this.workshops = workshops;
    }

    @Get("/demand")
    @Secured(Roles.PROGRAMME_OFFICE)
    @Operation(summary = "Themes ranked by agencies' unmet demand (open problem statements, distinct agencies, "
            + "immediate-operational weight), with those counts: the programme office")
    public DemandList demand() {
        return workshops.demand();
    }

    @Post(uri = "/plan", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.PROGRAMME_OFFICE)
    @Operation(summary = "Plan the next thematic workshop: the top-demand theme without an upcoming workshop, on the "
            + "earliest working day 8 to 13 weeks after the previous workshop (and not before notBefore), with the "
            + "agencies that have open statements on it and the best-matched providers up to capacity; publishes "
            + "WorkshopPlanned and emails invitations with an .ics: the programme office")
    @ApiResponse(responseCode = "201", description = "Planned; Location names the new workshop. A retry with the same "
            + "Idempotency-Key and body answers the same workshop again and plans nothing new")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "No uncovered demand, or no working day fits both the cadence and notBefore",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Workshop> plan(Caller caller, @Header(IdempotencyKeys.HEADER) @Nullable String idempotencyKey,
                                       @Body @Valid WorkshopRequests.PlanWorkshop body) {
        Workshop planned = workshops.plan(caller, idempotencyKey, body);
        return HttpResponse.created(planned, URI.create("/api/workshops/" + planned.id()));
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.PROGRAMME_OFFICE)
    @Operation(summary = "Book an explicit workshop; participants and invited providers are found as for a plan; "
            + "publishes WorkshopPlanned and emails invitations with an .ics: the programme office (also for "
            + "overrideCadence)")
    @ApiResponse(responseCode = "201", description = "Booked; Location names the new workshop. A retry with the same "
            + "Idempotency-Key and body answers the same workshop again and books nothing new")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The date breaks the 8-to-13-week cadence (send overrideCadence=true to book anyway)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Workshop> book(Caller caller, @Header(IdempotencyKeys.HEADER) @Nullable String idempotencyKey,
                                       @Body @Valid WorkshopRequests.BookWorkshop body) {
        Workshop booked = workshops.book(caller, idempotencyKey, body);
        return HttpResponse.created(booked, URI.create("/api/workshops/" + booked.id()));
    }

    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.PROGRAMME_OFFICE)
    @Operation(summary = "Reschedule a workshop (startsAt, optionally durationMinutes and venue) with the version you "
            + "read: the same rules as a booking (weekday, not a public holiday, the cadence against the other "
            + "workshops unless overrideCadence); everyone invited gets an .ics update of the same event (same UID, "
            + "higher SEQUENCE); publishes WorkshopRescheduled: the programme office")
    @ApiResponse(responseCode = "200", description = "Rescheduled (or unchanged when the request names the current time and venue)")
    @ApiResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "Stale version, cancelled or already started, a public holiday, "
            + "or the date breaks the cadence",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Workshop reschedule(@PathVariable UUID id, @Body @Valid WorkshopRequests.RescheduleWorkshop body) {
        return workshops.reschedule(id, body);
    }

    @Post(uri = "/{id}/cancel", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.PROGRAMME_OFFICE)
    @Operation(summary = "Cancel a workshop that has not started, with a reason: status CANCELLED, everyone invited gets "
            + "an .ics with METHOD:CANCEL for the same event; publishes WorkshopCancelled: the programme office")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "Already cancelled or already started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Workshop cancel(@PathVariable UUID id, @Body @Valid CancellationRequest body) {
        return workshops.cancel(id, body);
    }

    @Get
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Workshops in date order: any authenticated role (no contacts in them)")
    public Page<Workshop> list(@QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size) {
        return workshops.list(page, size);
    }

    @Get("/{id}")
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "One workshop: any authenticated role (no contacts in it)")
    @ApiResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Workshop get(@PathVariable UUID id) {
        return workshops.get(id);
    }
}
