package io.innoleap.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A snapshot topic as a consumer with {@code isolation.level=read_committed} sees it, for a set of
 * keys: every record of each key in offset order (event id and snapshot version), read from the
 * beginning until every acknowledged version has arrived or the patience runs out.
 */
final class TopicHistory {

    private record Event(String eventId, long version) {
    }

    private final Map<String, List<Event>> byKey = new HashMap<>();
    private final Map<String, Long> acknowledged;

    private TopicHistory(Map<String, Long> acknowledged) {
        this.acknowledged = acknowledged;
    }

    /** Reads {@code topic} for the keys of {@code acknowledged} (key to the newest version a client was told is stored). */
    static TopicHistory read(String bootstrap, String topic, Map<String, Long> acknowledged, Duration patience) {
        TopicHistory history = new TopicHistory(acknowledged);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + patience.toNanos();
            boolean caughtUp = false;
            while (System.nanoTime() < deadline && !(caughtUp && history.notPublished().isEmpty())) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && acknowledged.containsKey(r.key()) && r.value() != null) {
                        history.add(r.key(), r.value());
                    }
                }
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                caughtUp = partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            }
        }
        return history;
    }

    private void add(String key, String value) {
        try {
            JsonNode envelope = Http.JSON.readTree(value);
            if (!key.equals(envelope.path("data").path("id").asText())) {
                throw new AssertionError("record key " + key + " carries the snapshot of " + envelope.path("data").path("id"));
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Event(envelope.path("eventId").asText(), envelope.path("data").path("version").asLong()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records read for the keys. */
    int records() {
        return byKey.values().stream().mapToInt(List::size).sum();
    }

    /** Event ids that occur more than once. */
    Set<String> duplicateEventIds() {
        Map<String, Integer> seen = new HashMap<>();
        byKey.values().forEach(events -> events.forEach(e -> seen.merge(e.eventId(), 1, Integer::sum)));
        Set<String> twice = new TreeSet<>();
        seen.forEach((id, n) -> {
            if (n > 1) {
                twice.add(id);
            }
        });
        return twice;
    }

    /** Keys whose last record is not their highest version on the topic (what compaction would keep). */
    Set<String> keysEndingOnAnOlderSnapshot() {
        Set<String> out = new TreeSet<>();
        byKey.forEach((key, events) -> {
            long newest = events.stream().mapToLong(Event::version).max().orElseThrow();
            if (events.get(events.size() - 1).version() != newest) {
                out.add(key);
            }
        });
        return out;
    }

    /** Keys whose acknowledged version never arrived, with that version. */
    Map<String, Long> notPublished() {
        Map<String, Long> out = new HashMap<>();
        acknowledged.forEach((key, version) -> {
            List<Event> events = byKey.get(key);
            if (events == null || events.stream().noneMatch(e -> e.version() >= version)) {
                out.put(key, version);
            }
        });
        return out;
    }
}
