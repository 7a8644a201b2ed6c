package io.innoleap.scheduler.clinics.domain;

import java.util.UUID;

/**
 * The slot is already held by another clinic. The service raises it on the UNIQUE constraint of the
 * clinic's active slot (the real guarantee) or on the friendly early check before it.
 */
public final class SlotTakenException extends RuntimeException {
    public SlotTakenException(UUID slotId) {
        super("clinic slot " + slotId + " is already held by another clinic");
    }
}
