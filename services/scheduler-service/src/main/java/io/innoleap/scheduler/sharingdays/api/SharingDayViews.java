package io.innoleap.scheduler.sharingdays.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the sharing-day endpoints answer; {@link Presenter} is also what the store keeps as JSON. */
public final class SharingDayViews {
    private SharingDayViews() {
    }

    @Serdeable
    @Schema(name = "SharingDay")
    public record SharingDay(
            UUID id,
            String theme,
            @Schema(description = "SCHEDULED or CANCELLED") String status,
            long version,
            SharingDayAudience audience,
            @Schema(description = "Local date in the programme zone") LocalDate date,
            @Schema(description = "Start of the first presentation") OffsetDateTime startsAt,
            @Schema(description = "End of the consultation block") OffsetDateTime endsAt,
            int presentationMinutes,
            int consultationMinutes,
            int maxPresenters,
            @Schema(description = "Providers best matched to the audience's open statements on the theme, each with its own consecutive slot")
            List<Presenter> presenters,
            @Schema(description = "The consultation block after the last presentation") Block consultation,
            @Schema(description = "Agencies whose open statements on the theme drove the ranking") List<String> agencyCodes,
            List<UUID> problemStatementIds,
            @Schema(description = "Ranked providers within maxPresenters that did not fit before the end of the day")
            int presentersLeftOutForTime,
            @Nullable @Schema(description = "Where; absent when not yet announced") String venue,
            @Nullable @Schema(description = "Why the programme office cancelled it (CANCELLED only)") String cancellationReason,
            Instant createdAt,
            Instant updatedAt) {
    }

    @Serdeable
    public record Presenter(int order, UUID solutionProfileId, String organisationName,
                            @Schema(description = "Aggregated match score for the audience") double matchScore,
                            OffsetDateTime startsAt, OffsetDateTime endsAt) {
    }

    @Serdeable
    public record Block(OffsetDateTime startsAt, OffsetDateTime endsAt) {
    }
}
