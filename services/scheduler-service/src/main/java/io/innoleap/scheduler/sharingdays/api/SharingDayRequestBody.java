package io.innoleap.scheduler.sharingdays.api;

import io.innoleap.scheduler.programme.api.IsoDate;
import io.innoleap.scheduler.programme.api.IsoTime;
import io.innoleap.servicekit.text.SingleLine;
import io.innoleap.servicekit.themes.ThemeSlug;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.micronaut.core.annotation.Nullable;

/** {@code POST /api/sharing-days}. Date and start time are local to the programme zone; text fields are single lines. */
@Serdeable
@Schema(name = "SharingDayRequest")
public record SharingDayRequestBody(
        @NotBlank @SingleLine @ThemeSlug @Schema(example = "transport") String theme,
        @NotNull @Valid @Schema(description = "Exactly one of agencyCodes or domain") SharingDayAudience audience,
        @NotBlank @SingleLine @IsoDate @Schema(example = "2027-02-03") String date,
        @NotBlank @SingleLine @IsoTime @Schema(example = "09:30") String startTime,
        @NotNull @Min(5) @Max(120) Integer presentationMinutes,
        @NotNull @Min(15) @Max(240) Integer consultationMinutes,
        @NotNull @Min(1) @Max(30) Integer maxPresenters,
        @Nullable @Size(min = 1, max = 200) @SingleLine
        @Schema(description = "Where; one sharing day per venue and day. Default: to be announced") String venue) {

    /** {@code PUT /api/sharing-days/{id}}: the agenda moves as a whole; absent fields stay as they are. */
    @Serdeable
    @Schema(name = "SharingDayRescheduleRequest")
    public record Reschedule(
            @NotNull @Schema(description = "The version you read") Long version,
            @Nullable @SingleLine @IsoDate @Schema(example = "2027-02-04") String date,
            @Nullable @SingleLine @IsoTime @Schema(example = "13:30") String startTime,
            @Nullable @Size(min = 1, max = 200) @SingleLine String venue) {
    }
}
