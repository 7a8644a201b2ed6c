package io.innoleap.scheduler.sharingdays.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A built sharing-day agenda: consecutive presenter slots, then one consultation block.
 * {@code agencyCodes} and {@code problemStatementIds} say whose open statements drove the ranking;
 * {@code presentersLeftOutForTime} counts ranked providers within {@code maxPresenters} that did
 * not fit before the end of the day.
 */
public record SharingDayAgenda(String theme, Audience audience, LocalDate date, List<PresenterSlot> presenters,
                               ConsultationBlock consultation, List<String> agencyCodes,
                               List<UUID> problemStatementIds, int presentersLeftOutForTime) {
    public SharingDayAgenda {
        presenters = List.copyOf(presenters);
        agencyCodes = List.copyOf(agencyCodes);
        problemStatementIds = List.copyOf(problemStatementIds);
    }

    public OffsetDateTime startsAt() {
        return presenters.get(0).startsAt();
    }

    public OffsetDateTime endsAt() {
        return consultation.endsAt();
    }
}
