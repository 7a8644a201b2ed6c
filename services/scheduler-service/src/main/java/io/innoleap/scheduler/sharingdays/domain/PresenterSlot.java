package io.innoleap.scheduler.sharingdays.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One provider's presentation slot; {@code matchScore} is its aggregated score for the audience. */
public record PresenterSlot(int order, UUID solutionProfileId, String organisationName, double matchScore,
                            OffsetDateTime startsAt, OffsetDateTime endsAt) {
}
