package io.innoleap.scheduler.reports.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the report knows of one problem statement posted in the period: its themes, the day it was
 * posted (programme zone), whether it ever had a match, whether a clinic was ever requested on it,
 * the day of its earliest clinic that is confirmed now (null when none) and whether it is PILOTING now.
 */
public record StatementFacts(UUID id, List<String> themes, LocalDate postedOn, boolean matched, boolean clinicRequested,
                             LocalDate firstConfirmedClinicOn, boolean piloting) {

    public StatementFacts {
        themes = List.copyOf(themes);
    }
}
