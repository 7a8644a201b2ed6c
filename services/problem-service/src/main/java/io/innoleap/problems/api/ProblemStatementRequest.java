package io.innoleap.problems.api;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.servicekit.text.MultiLine;
import io.innoleap.servicekit.text.SingleLine;
import io.innoleap.servicekit.themes.ThemeSlug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The body of {@code POST} and {@code PUT /api/problem-statements}. {@code status} and
 * {@code version} are read only by {@code PUT} (where {@code version} is required). On {@code PUT}
 * the agency code is not read: a statement stays with the agency that owns it. Anything else a
 * client sends ({@code id}, timestamps) is ignored.
 */
@Serdeable
@Schema(name = "ProblemStatementRequest")
public record ProblemStatementRequest(
        @NotNull @Valid AgencyInput agency,
        @NotBlank @Size(min = 5, max = 200) @SingleLine String title,
        @NotBlank @Size(min = 20, max = 5000) @MultiLine String description,
        @NotEmpty @Size(min = 1, max = 5) List<@NotBlank @SingleLine @ThemeSlug String> themes,
        @NotNull Horizon horizon,
        @NotNull @Valid ContactInput contact,
        @Nullable @Schema(description = "PUT only: the new status") ProblemStatementStatus status,
        @Nullable @PositiveOrZero @Schema(description = "PUT only: the version you read") Long version) {

    @Serdeable
    public record AgencyInput(
            @NotBlank @Size(min = 2, max = 20) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*",
                    message = "must be letters, digits, '-' or '_'") String code,
            @NotBlank @Size(min = 2, max = 200) @SingleLine String name,
            @NotBlank @Size(min = 2, max = 60) @SingleLine String domain) {
    }

    @Serdeable
    public record ContactInput(
            @NotBlank @Size(min = 2, max = 200) @SingleLine String name,
            @NotBlank @SingleLine @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be a valid email address")
            @Size(max = 254) String email) {
    }
}
