package io.innoleap.scheduler.workshops.domain;

import java.util.List;

/**
 * Unmet demand on one theme. {@code agencyCodes} are the distinct agencies behind it, sorted.
 * See {@link DemandRanking} for how {@code demandScore} is computed.
 */
public record ThemeDemand(String theme, int openProblemStatements, int distinctAgencies,
                          int immediateOperational, int demandScore, List<String> agencyCodes) {
    public ThemeDemand {
        agencyCodes = List.copyOf(agencyCodes);
    }
}
