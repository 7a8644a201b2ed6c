package io.innoleap.scheduler.sharingdays;

import io.innoleap.scheduler.api.IsoDate;
import io.innoleap.scheduler.api.IsoTime;
import io.innoleap.servicekit.themes.ThemeSlug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /api/sharing-days}. Date and start time are local to the programme zone. */
@Serdeable
@Schema(name = "SharingDayRequest")
public record SharingDayRequestBody(
        @NotBlank @ThemeSlug @Schema(example = "transport") String theme,
        @NotNull @Valid @Schema(description = "Exactly one of agencyCodes or domain") AudienceInput audience,
        @NotBlank @IsoDate @Schema(example = "2027-02-03") String date,
        @NotBlank @IsoTime @Schema(example = "09:30") String startTime,
        @NotNull @Min(5) @Max(120) Integer presentationMinutes,
        @NotNull @Min(15) @Max(240) Integer consultationMinutes,
        @NotNull @Min(1) @Max(30) Integer maxPresenters) {

    @Serdeable
    @Schema(name = "SharingDayAudience")
    public record AudienceInput(
            @Nullable @Size(max = 50) @Schema(example = "[\"LTA\", \"URA\"]") List<@NotBlank @Size(max = 20) String> agencyCodes,
            @Nullable @Size(min = 1, max = 100) @Schema(example = "transport") String domain) {
    }
}
