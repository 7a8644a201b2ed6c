package io.innoleap.scheduler.sharingdays.api;

import io.innoleap.scheduler.sharingdays.SharingDays;

import io.innoleap.scheduler.sharingdays.api.SharingDayViews.SharingDay;
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

@Controller("/api/sharing-days")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Sharing days")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller's role does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@SecurityRequirement(name = "bearer")
public class SharingDayController {

    private final SharingDays sharingDays;

    public SharingDayController(SharingDays sharingDays) {
        this.sharingDays = sharingDays;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.PROGRAMME_OFFICE)
    @Operation(summary = "Schedule a sharing day for some agencies (by code) or a domain: presenters are the providers "
            + "on the theme best matched to the audience's open statements, each with its own consecutive slot, then one "
            + "consultation block; publishes SharingDayScheduled: the programme office")
    @ApiResponse(responseCode = "201", description = "Scheduled; Location names the new sharing day. A retry with the "
            + "same Idempotency-Key and body answers the same sharing day again and schedules nothing new")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The audience has no open statement on the theme, no provider matches them, the date is a public holiday, or the venue is taken that day",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<SharingDay> schedule(Caller caller, @Header(IdempotencyKeys.HEADER) @Nullable String idempotencyKey,
                                             @Body @Valid SharingDayRequestBody body) {
        SharingDay created = sharingDays.schedule(caller, idempotencyKey, body);
        return HttpResponse.created(created, URI.create("/api/sharing-days/" + created.id()));
    }

    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.PROGRAMME_OFFICE)
    @Operation(summary = "Reschedule a sharing day with the version you read: the whole agenda moves to the new date "
            + "and start time (a future weekday, not a public holiday, ending by the end of the day) and/or venue "
            + "(one sharing day per venue and day); presenters get their moved slot and the audience the moved day as "
            + ".ics updates (same UID, higher SEQUENCE); publishes SharingDayRescheduled: the programme office")
    @ApiResponse(responseCode = "200", description = "Rescheduled (or unchanged when nothing changes)")
    @ApiResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "Stale version, cancelled or started, a public holiday, or the venue is taken that day",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SharingDay reschedule(@PathVariable UUID id, @Body @Valid SharingDayRequestBody.Reschedule body) {
        return sharingDays.reschedule(id, body);
    }

    @Post(uri = "/{id}/cancel", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.PROGRAMME_OFFICE)
    @Operation(summary = "Cancel a sharing day that has not started, with a reason: CANCELLED, the venue free again, "
            + "presenters and audience get an .ics with METHOD:CANCEL; publishes SharingDayCancelled: the programme office")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "Already cancelled or started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SharingDay cancel(@PathVariable UUID id, @Body @Valid CancellationRequest body) {
        return sharingDays.cancel(id, body.reason());
    }

    @Get
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "Sharing days in date order, optionally of one theme: any authenticated role (no contacts in them)")
    public Page<SharingDay> list(@QueryValue @Nullable String theme, @QueryValue @Nullable Integer page,
                                 @QueryValue @Nullable Integer size) {
        return sharingDays.list(theme, page, size);
    }

    @Get("/{id}")
    @Secured({Roles.AGENCY, Roles.PROVIDER, Roles.COORDINATOR, Roles.PROGRAMME_OFFICE})
    @Operation(summary = "One sharing day with its agenda: any authenticated role (no contacts in it)")
    @ApiResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SharingDay get(@PathVariable UUID id) {
        return sharingDays.get(id);
    }
}
