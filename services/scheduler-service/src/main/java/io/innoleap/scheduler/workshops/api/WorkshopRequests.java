package io.innoleap.scheduler.workshops.api;

import io.innoleap.scheduler.programme.api.IsoDate;
import io.innoleap.scheduler.programme.api.IsoDateTime;
import io.innoleap.scheduler.programme.api.IsoTime;
import io.innoleap.servicekit.text.SingleLine;
import io.innoleap.servicekit.themes.ThemeSlug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Bodies of the workshop endpoints. Dates and times are text, checked by the {@code Iso*} constraints;
 * every text field is a single line (no control characters: nothing can add a line to a mail or .ics).
 */
public final class WorkshopRequests {
    private WorkshopRequests() {
    }

    /** {@code POST /api/workshops/plan}: every field optional. */
    @Serdeable
    @Schema(name = "WorkshopPlanRequest")
    public record PlanWorkshop(
            @Nullable @SingleLine @IsoDate @Schema(description = "Earliest local date (programme zone), e.g. 2027-01-01", example = "2027-01-01")
            String notBefore,
            @Nullable @SingleLine @IsoTime @Schema(description = "Local start time, default 09:30", example = "09:30") String startTime,
            @Nullable @Min(30) @Max(480) @Schema(description = "Default 180") Integer durationMinutes,
            @Nullable @Min(1) @Max(200) @Schema(description = "Most invited providers, default 20") Integer capacity,
            @Nullable @Size(min = 1, max = 200) @SingleLine @Schema(description = "Default \"To be announced\"") String venue,
            @Nullable @Schema(description = "Ignore the previous workshop when picking the date") Boolean overrideCadence) {
    }

    /** {@code POST /api/workshops}: an explicit workshop. */
    @Serdeable
    @Schema(name = "WorkshopBookingRequest")
    public record BookWorkshop(
            @NotBlank @SingleLine @ThemeSlug @Schema(example = "smart-cities") String theme,
            @NotBlank @SingleLine @IsoDateTime @Schema(example = "2027-03-11T09:30:00+08:00") String startsAt,
            @Nullable @Min(30) @Max(480) @Schema(description = "Default 180") Integer durationMinutes,
            @Nullable @Size(min = 1, max = 200) @SingleLine String venue,
            @Nullable @Min(1) @Max(200) @Schema(description = "Most invited providers, default 20") Integer capacity,
            @Nullable @Schema(description = "Book although the date breaks the 8-to-13-week cadence") Boolean overrideCadence) {
    }

    /** {@code PUT /api/workshops/{id}}: move a workshop; absent duration and venue stay as they are. */
    @Serdeable
    @Schema(name = "WorkshopRescheduleRequest")
    public record RescheduleWorkshop(
            @NotNull @Schema(description = "The version you read") Long version,
            @NotBlank @SingleLine @IsoDateTime @Schema(example = "2027-03-12T14:00:00+08:00") String startsAt,
            @Nullable @Min(30) @Max(480) @Schema(description = "Default: unchanged") Integer durationMinutes,
            @Nullable @Size(min = 1, max = 200) @SingleLine @Schema(description = "Default: unchanged") String venue,
            @Nullable @Schema(description = "Move although the new date breaks the 8-to-13-week cadence") Boolean overrideCadence) {
    }
}
