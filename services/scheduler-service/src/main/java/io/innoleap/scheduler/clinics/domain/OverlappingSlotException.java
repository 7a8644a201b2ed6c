package io.innoleap.scheduler.clinics.domain;

import java.util.UUID;

/** A new slot overlaps one of the same coordinator's slots (identified by email). */
public final class OverlappingSlotException extends RuntimeException {
    private final UUID conflictingSlotId;

    public OverlappingSlotException(UUID conflictingSlotId, String message) {
        super(message);
        this.conflictingSlotId = conflictingSlotId;
    }

    public UUID conflictingSlotId() {
        return conflictingSlotId;
    }
}
