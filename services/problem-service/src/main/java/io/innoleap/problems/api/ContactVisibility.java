package io.innoleap.problems.api;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Role;

/** A contact is personal data: shown to the owning agency, coordinators and the programme office only. */
final class ContactVisibility {

    private ContactVisibility() {
    }

    static ProblemStatementSnapshot forReader(Caller caller, ProblemStatementSnapshot s) {
        boolean mayRead = caller.isOffice() || caller.has(Role.COORDINATOR) || caller.actsFor(s.agency().code());
        return mayRead ? s : new ProblemStatementSnapshot(s.id(), s.agency(), s.title(), s.description(), s.themes(),
                s.horizon(), null, s.status(), s.version(), s.createdAt(), s.updatedAt());
    }
}
