package io.innoleap.contracts.topics;

import java.util.List;

/**
 * One Kafka topic of the programme: its name, what its key is, the snapshot type its events
 * carry, the event types it may hold, whether it is compacted (latest snapshot per key kept
 * forever, so consumers can rebuild their state by replaying it) and its single writer.
 */
public record TopicDefinition(
        String name,
        String keyDescription,
        Class<?> snapshotType,
        List<String> eventTypes,
        boolean compacted,
        String producer) {

    public TopicDefinition {
        eventTypes = List.copyOf(eventTypes);
    }

    /** Where records that a consumer of this topic cannot process are parked, error in headers. */
    public String deadLetterTopic() {
        return name + ".dlq";
    }

    public boolean carries(String eventType) {
        return eventTypes.contains(eventType);
    }
}
