package io.innoleap.scheduler.programme.api;

import io.innoleap.servicekit.text.SingleLine;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of every cancellation ({@code POST /api/workshops/{id}/cancel}, sharing days', clinics'):
 * why, in one line (it goes into mails and calendar updates).
 */
@Serdeable
@Schema(name = "CancellationRequest")
public record CancellationRequest(
        @NotBlank @Size(max = 500) @SingleLine @Schema(example = "The venue is closed for repairs") String reason) {
}
