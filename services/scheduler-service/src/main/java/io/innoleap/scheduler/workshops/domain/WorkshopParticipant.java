package io.innoleap.scheduler.workshops.domain;

import io.innoleap.contracts.events.Agency;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An agency invited to a workshop, with the open problem statements it brings on that theme. */
public record WorkshopParticipant(Agency agency, List<OpenProblemStatement> problemStatements) {
    public WorkshopParticipant {
        problemStatements = List.copyOf(problemStatements);
    }

    /**
     * The agencies behind {@code onTheme}, by code (A-Z), each with its statements by title then id.
     * An agency is shown as its first statement names it.
     */
    public static List<WorkshopParticipant> byAgency(List<OpenProblemStatement> onTheme) {
        Map<String, List<OpenProblemStatement>> byAgency = new TreeMap<>();
        for (OpenProblemStatement s : onTheme) {
            byAgency.computeIfAbsent(s.agencyCode(), c -> new ArrayList<>()).add(s);
        }
        List<WorkshopParticipant> result = new ArrayList<>();
        byAgency.forEach((code, statements) -> result.add(new WorkshopParticipant(statements.get(0).agency(),
                statements.stream().distinct().sorted(Comparator.comparing(OpenProblemStatement::title)
                        .thenComparing(OpenProblemStatement::id)).toList())));
        return result;
    }
}
