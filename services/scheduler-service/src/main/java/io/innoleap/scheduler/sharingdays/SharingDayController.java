package io.innoleap.scheduler.sharingdays;

import io.innoleap.scheduler.sharingdays.SharingDayViews.SharingDay;
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

@Controller("/api/sharing-days")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Sharing days")
@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields (every failing field listed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SharingDayController {

    private final SharingDays sharingDays;

    public SharingDayController(SharingDays sharingDays) {
        this.sharingDays = sharingDays;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule a sharing day for some agencies (by code) or a domain: presenters are the providers "
            + "on the theme best matched to the audience's open statements, each with its own consecutive slot, then one "
            + "consultation block; publishes SharingDayScheduled")
    @ApiResponse(responseCode = "201", description = "Scheduled; Location names the new sharing day")
    @ApiResponse(responseCode = "409", description = "The audience has no open statement on the theme, or no provider matches them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<SharingDay> schedule(@Body @Valid SharingDayRequestBody body) {
        SharingDay created = sharingDays.schedule(body);
        return HttpResponse.created(created, URI.create("/api/sharing-days/" + created.id()));
    }

    @Get
    @Operation(summary = "Sharing days in date order, optionally of one theme")
    public Page<SharingDay> list(@QueryValue @Nullable String theme, @QueryValue @Nullable Integer page,
                                 @QueryValue @Nullable Integer size) {
        return sharingDays.list(theme, page, size);
    }

    @Get("/{id}")
    @Operation(summary = "One sharing day with its agenda")
    @ApiResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SharingDay get(@PathVariable UUID id) {
        return sharingDays.get(id);
    }
}
