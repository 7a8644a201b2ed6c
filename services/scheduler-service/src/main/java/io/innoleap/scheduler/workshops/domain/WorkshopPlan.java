package io.innoleap.scheduler.workshops.domain;

import io.innoleap.scheduler.readmodel.RankedProvider;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The planner's answer: theme (with its demand figures), the chosen local date and instants,
 * participants (agencies, by code) and invited providers (best first, at most {@code capacity}).
 * {@code windowStart..windowEnd} is the window the date was picked from; {@code previousWorkshop}
 * is null when none existed or the cadence was overridden.
 */
public record WorkshopPlan(String theme, ThemeDemand demand, LocalDate date, Instant startsAt, Instant endsAt,
                           int durationMinutes, String venue, int capacity,
                           List<WorkshopParticipant> participants, List<RankedProvider> invitedProviders,
                           LocalDate windowStart, LocalDate windowEnd, LocalDate previousWorkshop) {
    public WorkshopPlan {
        participants = List.copyOf(participants);
        invitedProviders = List.copyOf(invitedProviders);
    }
}
