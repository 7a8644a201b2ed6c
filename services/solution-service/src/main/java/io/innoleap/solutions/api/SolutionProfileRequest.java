package io.innoleap.solutions.api;

import io.innoleap.contracts.events.OrganisationType;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.servicekit.text.MultiLine;
import io.innoleap.servicekit.text.SingleLine;
import io.innoleap.servicekit.themes.ThemeSlug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The body of {@code POST} and {@code PUT /api/solution-profiles}. {@code status} and
 * {@code version} are read only by {@code PUT} (where {@code version} is required). On {@code PUT}
 * the organisation's UEN is not read: a profile stays with the organisation that owns it.
 */
@Serdeable
@Schema(name = "SolutionProfileRequest")
public record SolutionProfileRequest(
        @NotNull @Valid OrganisationInput organisation,
        @NotBlank @Size(min = 2, max = 200) @SingleLine String solutionName,
        @NotBlank @Size(min = 20, max = 5000) @MultiLine String summary,
        @NotNull @Size(min = 1, max = 5) List<@NotBlank @SingleLine @ThemeSlug String> themes,
        @Nullable @Size(max = 20, message = "at most 20 keywords")
        @Schema(description = "0..20 keywords, each at most 60 characters; trimmed, duplicates (ignoring case) dropped")
        List<@NotBlank @Size(max = 60) @SingleLine String> keywords,
        @Nullable @Min(1) @Max(9) @Serdeable.Deserializable(using = WholeNumberDeserializer.class)
        @Schema(description = "Technology readiness level 1..9, optional") Integer readinessLevel,
        @NotNull @Valid ContactInput contact,
        @Nullable @Schema(description = "PUT only: the new status; WITHDRAWN is final") SolutionProfileStatus status,
        @Nullable @PositiveOrZero @Schema(description = "PUT only: the version you read") Long version) {

    /**
     * Singapore's Unique Entity Number in one of its three shapes: {@code nnnnnnnnX} (businesses),
     * {@code yyyynnnnnX} (local companies), {@code TyyPQnnnnX} (other entities). Case is ignored;
     * it is stored upper-cased. A blank value counts as absent.
     */
    static final String UEN = "\\s*|\\s*(?i)(\\d{8}[A-Z]|\\d{9}[A-Z]|[RST]\\d{2}[A-Z0-9]{2}\\d{4}[A-Z])\\s*";

    @Serdeable
    public record OrganisationInput(
            @NotBlank @Size(min = 2, max = 200) @SingleLine String name,
            @NotNull OrganisationType type,
            @Nullable @Pattern(regexp = UEN, message = "must be a Singapore UEN such as 53312345X, 201912345K or T09LL0001B")
            @Schema(description = "Singapore UEN, optional (9 or 10 letters and digits)") String uen) {
    }

    @Serdeable
    public record ContactInput(
            @NotBlank @Size(min = 2, max = 200) @SingleLine String name,
            @NotBlank @SingleLine @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be a valid email address")
            @Size(max = 254) String email) {
    }
}
