package io.innoleap.scheduler.sharingdays.domain;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Where providers already present: a provider is never given two slots that overlap, so the planner
 * passes over one that presents elsewhere at the time its slot would take, and a move that would make
 * two slots overlap is refused.
 */
@FunctionalInterface
public interface PresenterCalendar {

    /** Nobody presents anywhere else. */
    PresenterCalendar NONE = (solutionProfileId, start, end) -> Optional.empty();

    /**
     * @return what the provider presents at that overlaps {@code [start, end)}, in words, or empty when
     *         the provider is free then
     */
    Optional<String> clash(UUID solutionProfileId, OffsetDateTime start, OffsetDateTime end);
}
