package io.innoleap.scheduler.domain;

import java.util.UUID;

/** A new slot overlaps one of the same coordinator's slots. API: 409. */
public final class OverlappingSlotException extends SchedulingException {
    private final UUID conflictingSlotId;

    public OverlappingSlotException(UUID conflictingSlotId, String message) {
        super(message);
        this.conflictingSlotId = conflictingSlotId;
    }

    public UUID conflictingSlotId() {
        return conflictingSlotId;
    }

    @Override public int httpStatus() { return 409; }
    @Override public String problemType() { return "slot-overlap"; }
    @Override public String title() { return "Overlapping clinic slot"; }
}
