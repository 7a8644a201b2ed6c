package io.innoleap.scheduler.clinics.api;

import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Role;

/**
 * A coordinator's name and email are personal data: a slot shows them to coordinators and the
 * programme office only. (A clinic is read only by its agency, its coordinator and the programme
 * office, who may all see its contacts; linked companies' contacts are never in a response.)
 */
final class ContactVisibility {

    private ContactVisibility() {
    }

    static ClinicSlotResource forReader(Caller caller, ClinicSlotResource slot) {
        return caller.isOffice() || caller.has(Role.COORDINATOR) ? slot : slot.withoutContact();
    }
}
