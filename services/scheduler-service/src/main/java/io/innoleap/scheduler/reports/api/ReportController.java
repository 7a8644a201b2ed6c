package io.innoleap.scheduler.reports.api;

import io.innoleap.scheduler.reports.ProgrammeReports;
import io.innoleap.scheduler.reports.domain.ReportPeriod;
import io.innoleap.servicekit.api.Problem;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
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

import java.util.Locale;

@Controller("/api/programme/report")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Programme report")
@ApiResponse(responseCode = "400", description = "from or to missing, not a date, from after to, or more than 5 years apart",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller's role does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@SecurityRequirement(name = "bearer")
public class ReportController {

    static final String TEXT_CSV = "text/csv";

    private final ProgrammeReports reports;

    public ReportController(ProgrammeReports reports) {
        this.reports = reports;
    }

    @Get
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Secured(Roles.PROGRAMME_OFFICE)
    @Operation(summary = "The programme report for the problem statements posted from..to (dates in the programme "
            + "zone, both included): per theme and in total, posted, matched, clinic requested, clinic confirmed, "
            + "piloting, workshops and sharing days held, and the median days from posting to the first confirmed "
            + "clinic; JSON, or CSV with Accept: text/csv: the programme office")
    @ApiResponse(responseCode = "200", description = "The report")
    public HttpResponse<?> report(Caller caller, @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                  @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        ReportView view = ReportView.of(reports.report(ReportPeriod.parse(from, to)));
        if (wantsCsv(accept)) {
            return HttpResponse.ok(ReportCsv.write(view))
                    .contentType(MediaType.of(TEXT_CSV + ";charset=utf-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"programme-report-"
                            + view.from() + "-" + view.to() + ".csv\"");
        }
        return HttpResponse.ok(view).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** CSV only when the client asks for text/csv and not (also) for JSON. */
    static boolean wantsCsv(@Nullable String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains(TEXT_CSV) && !a.contains("json");
    }
}
