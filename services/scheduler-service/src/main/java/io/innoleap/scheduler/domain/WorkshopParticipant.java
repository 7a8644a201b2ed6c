package io.innoleap.scheduler.domain;

import java.util.List;

/** An agency invited to a workshop, with the open problem statements it brings on that theme. */
public record WorkshopParticipant(Agency agency, List<OpenProblemStatement> problemStatements) {
    public WorkshopParticipant {
        problemStatements = List.copyOf(problemStatements);
    }
}
