package io.innoleap.scheduler.sharingdays.api;

import io.innoleap.servicekit.text.SingleLine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Who a sharing day is for, as the API reads and shows it: exactly one of agency codes or a domain
 * (the domain's {@code Audience.of} enforces "exactly one").
 */
@Serdeable
@Schema(name = "SharingDayAudience")
public record SharingDayAudience(
        @Nullable @Size(max = 50) @Schema(example = "[\"LTA\", \"URA\"]") List<@NotBlank @Size(max = 20) @SingleLine String> agencyCodes,
        @Nullable @Size(min = 1, max = 100) @SingleLine @Schema(example = "transport") String domain) {
}
