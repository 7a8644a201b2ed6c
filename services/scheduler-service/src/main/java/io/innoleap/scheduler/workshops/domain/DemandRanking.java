package io.innoleap.scheduler.workshops.domain;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Ranks themes by agencies' unmet demand ({@code GET /api/workshops/demand}).
 *
 * <p>Formula, per theme, over its OPEN problem statements:
 * <pre>
 *   demandScore = 3 x distinctAgencies + 1 x openProblemStatements + 1 x immediateOperational
 * </pre>
 * so a long-term statement adds 1, an immediate-operational one adds 2, and each agency adds 3 on
 * top. Why: a workshop serves agencies, so breadth matters more than volume: another agency's
 * first statement always adds at least 4, while one more statement from an agency already counted
 * adds at most 2. Urgency still counts double within that.
 *
 * <p>Ties (deterministic): higher score, then more distinct agencies, then more
 * immediate-operational statements, then more statements, then theme slug alphabetically.
 * Statements are de-duplicated by id; agencies are compared by code, case-insensitively.
 */
public final class DemandRanking {
    public static final int AGENCY_WEIGHT = 3;
    public static final int STATEMENT_WEIGHT = 1;
    public static final int IMMEDIATE_BONUS = 1;

    static final Comparator<ThemeDemand> ORDER = Comparator
            .comparingInt(ThemeDemand::demandScore).reversed()
            .thenComparing(Comparator.comparingInt(ThemeDemand::distinctAgencies).reversed())
            .thenComparing(Comparator.comparingInt(ThemeDemand::immediateOperational).reversed())
            .thenComparing(Comparator.comparingInt(ThemeDemand::openProblemStatements).reversed())
            .thenComparing(ThemeDemand::theme);

    private DemandRanking() {
    }

    public static List<ThemeDemand> rank(Collection<OpenProblemStatement> openStatements) {
        Map<UUID, OpenProblemStatement> unique = new LinkedHashMap<>();
        openStatements.forEach(s -> unique.putIfAbsent(s.id(), s));

        Map<String, List<OpenProblemStatement>> byTheme = new TreeMap<>();
        for (OpenProblemStatement s : unique.values()) {
            for (String theme : s.themes()) {
                byTheme.computeIfAbsent(theme, t -> new ArrayList<>()).add(s);
            }
        }
        List<ThemeDemand> result = new ArrayList<>();
        byTheme.forEach((theme, statements) -> result.add(demandOf(theme, statements)));
        result.sort(ORDER);
        return List.copyOf(result);
    }

    static ThemeDemand demandOf(String theme, List<OpenProblemStatement> statements) {
        TreeSet<String> agencies = new TreeSet<>();
        int immediate = 0;
        for (OpenProblemStatement s : statements) {
            agencies.add(s.agencyCode());
            if (s.horizon() == Horizon.IMMEDIATE_OPERATIONAL) {
                immediate++;
            }
        }
        int score = AGENCY_WEIGHT * agencies.size() + STATEMENT_WEIGHT * statements.size() + IMMEDIATE_BONUS * immediate;
        return new ThemeDemand(theme, statements.size(), agencies.size(), immediate, score, List.copyOf(agencies));
    }
}
