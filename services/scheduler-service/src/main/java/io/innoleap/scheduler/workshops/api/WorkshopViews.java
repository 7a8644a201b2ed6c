package io.innoleap.scheduler.workshops.api;

import io.innoleap.contracts.events.Agency;

import io.innoleap.contracts.events.Agency;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the workshop endpoints answer. The nested records are also what the store keeps as JSON. */
public final class WorkshopViews {
    private WorkshopViews() {
    }

    @Serdeable
    @Schema(name = "Workshop")
    public record Workshop(
            UUID id,
            String theme,
            @Schema(description = "SCHEDULED or CANCELLED") String status,
            long version,
            @Schema(description = "PLANNED (POST /api/workshops/plan) or EXPLICIT (POST /api/workshops)") String origin,
            @Schema(description = "Local date in the programme zone") LocalDate date,
            @Schema(description = "In the programme zone's offset") OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            int durationMinutes,
            String venue,
            @Schema(description = "Most invited providers") int capacity,
            @Schema(description = "true when booked with overrideCadence although the date breaks the 8-to-13-week cadence")
            boolean cadenceOverridden,
            @Nullable @Schema(description = "The theme's unmet demand when planned (planned workshops only)") Demand demand,
            @Schema(description = "Agencies with open problem statements on the theme, each with its statements")
            List<Participant> participants,
            @Schema(description = "Providers best matched to the participants' statements, best first, at most capacity")
            List<InvitedProvider> invitedProviders,
            @Nullable @Schema(description = "Why the programme office cancelled it (CANCELLED only)") String cancellationReason,
            Instant createdAt,
            Instant updatedAt) {
    }

    @Serdeable
    public record Demand(int openProblemStatements, int distinctAgencies, int immediateOperational, int demandScore) {
    }

    @Serdeable
    public record Participant(Agency agency, List<Statement> problemStatements) {
    }

    @Serdeable
    public record Statement(UUID id, String title, String horizon) {
    }

    @Serdeable
    public record InvitedProvider(UUID solutionProfileId, String organisationName,
                                  @Schema(description = "Sum over the participants' statements of the provider's best match score")
                                  double score,
                                  int matchedProblemStatements) {
    }

    /** One theme of {@code GET /api/workshops/demand}. */
    @Serdeable
    @Schema(name = "ThemeDemand")
    public record ThemeDemandItem(
            int rank,
            String theme,
            int openProblemStatements,
            int distinctAgencies,
            int immediateOperational,
            @Schema(description = "3 x distinctAgencies + openProblemStatements + immediateOperational") int demandScore,
            List<String> agencyCodes,
            @Nullable @Schema(description = "An upcoming workshop already on this theme; planning skips such themes")
            UUID upcomingWorkshopId) {
    }

    @Serdeable
    @Schema(name = "ThemeDemandList")
    public record DemandList(List<ThemeDemandItem> items, int page, int size, long totalItems) {
    }
}
