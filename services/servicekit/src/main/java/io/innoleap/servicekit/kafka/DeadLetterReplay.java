package io.innoleap.servicekit.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dead letters of the topics this service consumes ({@code innoleap.dead-letters.topics}):
 * how many there are (metric {@code innoleap.dlq.records} per DLQ topic, refreshed every 30 s),
 * and replaying them after a fix: each record of {@code {topic}.dlq} this service has not
 * replayed yet goes back to its original topic with its original key and value (and a
 * {@code replayed.from} header naming where it came from); a consumer group of the service's own
 * remembers how far it got. A dead letter that carries that header failed again after a replay:
 * it is left out, so a record that still cannot be processed does not go round in circles.
 * Snapshots carry versions, so replaying an old one changes nothing.
 */
@Singleton
@Requires(property = "innoleap.dead-letters.topics")
public class DeadLetterReplay {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);
    /** Marks a record sent back by a replay; a dead letter that carries it failed again after a replay. */
    static final String REPLAYED = "replayed.from";

    private final String bootstrapServers;
    private final String group;
    private final List<String> topics;
    private final Admin admin;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public DeadLetterReplay(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                            @Value("${micronaut.application.name:service}") String applicationName,
                            @Value("${innoleap.kafka.group-suffix:}") String groupSuffix,
                            @Value("${innoleap.dead-letters.topics}") List<String> topics,
                            MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        this.group = applicationName + "-dlq-replay" + groupSuffix;
        this.topics = List.copyOf(topics);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        this.admin = Admin.create(props);
        for (String topic : this.topics) {
            AtomicLong count = counts.computeIfAbsent(dlq(topic), t -> new AtomicLong());
            Gauge.builder("innoleap.dlq.records", count, AtomicLong::get).tag("topic", dlq(topic))
                    .description("Records on the dead-letter topic").register(meters);
        }
    }

    public List<String> topics() {
        return topics;
    }

    static String dlq(String topic) {
        return topic + ".dlq";
    }

    /** Records on each DLQ topic of the consumed topics (all of them, replayed or not). */
    public Map<String, Long> counts() {
        Map<String, Long> result = new LinkedHashMap<>();
        for (String topic : topics) {
            result.put(dlq(topic), count(dlq(topic)));
        }
        return result;
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "10s")
    void refresh() {
        counts().forEach((topic, n) -> counts.get(topic).set(n));
    }

    private long count(String dlqTopic) {
        try {
            var description = admin.describeTopics(List.of(dlqTopic)).allTopicNames().get(10, TimeUnit.SECONDS).get(dlqTopic);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> {
                earliest.put(new TopicPartition(dlqTopic, p.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(dlqTopic, p.partition()), OffsetSpec.latest());
            });
            long start = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
            long end = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
            return end - start;
        } catch (Exception e) {
            LOG.debug("Could not count {}: {}", dlqTopic, e.toString());
            return counts.getOrDefault(dlqTopic, new AtomicLong()).get();
        }
    }

    /** Sends the DLQ records of {@code topic} this service has not replayed yet back to {@code topic}. */
    public synchronized int replay(String topic) {
        if (!topics.contains(topic)) {
            throw new IllegalArgumentException(topic + " is not a topic this service consumes; it consumes " + topics);
        }
        String dlqTopic = dlq(topic);
        int replayed = 0;
        int skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlqTopic, Duration.ofSeconds(10)).stream()
                    .map((PartitionInfo p) -> new TopicPartition(dlqTopic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions), Duration.ofSeconds(10));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                if (c == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, c.offset());
                }
            }
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.headers().lastHeader(REPLAYED) != null) {
                        // It was replayed before and failed again: replaying it once more would only loop.
                        skipped++;
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> back = new ProducerRecord<>(topic, null, r.key(), r.value());
                    for (Header h : r.headers()) {
                        if (!h.key().startsWith("dlq.")) {
                            back.headers().add(h);
                        }
                    }
                    back.headers().add(new RecordHeader(REPLAYED, (dlqTopic + "@" + r.partition() + ":" + r.offset())
                            .getBytes(StandardCharsets.UTF_8)));
                    producer.send(back).get(30, TimeUnit.SECONDS);
                    replayed++;
                }
                consumer.commitSync();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Replaying " + dlqTopic + " stopped after " + replayed + " records: " + e, e);
        }
        LOG.info("Replayed {} records from {} to {} ({} that had failed again after an earlier replay left out)",
                replayed, dlqTopic, topic, skipped);
        refresh();
        return replayed;
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
