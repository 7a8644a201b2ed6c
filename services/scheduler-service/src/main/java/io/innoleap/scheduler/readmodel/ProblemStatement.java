package io.innoleap.scheduler.readmodel;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;

import java.util.UUID;

/** A problem statement in any status, as the latest snapshot the scheduler has seen shows it. */
public record ProblemStatement(UUID id, Agency agency, String title, Contact contact, String status) {

    public boolean isOpen() {
        return "OPEN".equals(status);
    }
}
