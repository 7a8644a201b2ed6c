package io.innoleap.matcher.service;

import io.innoleap.contracts.events.EventEnvelope;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.testkit.TestKafka;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Publishes snapshots on the intake topics as problem-service and solution-service do (envelope
 * JSON, key = aggregate id), and tells when the matcher's consumer group has committed past a
 * record: the way to wait for "nothing happened" without sleeping.
 */
final class Intake implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final Admin admin;
    private final JsonMapper json;
    private final String group;

    Intake(JsonMapper json, String group) {
        this.json = json;
        this.group = group;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        admin = Admin.create(adminProps);
    }

    RecordMetadata send(String topic, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Sends the records in one produce request, so they reach the matcher in one poll. */
    void sendTogether(String topic, List<Map.Entry<String, String>> keyedValues) {
        List<java.util.concurrent.Future<RecordMetadata>> sent = keyedValues.stream()
                .map(kv -> producer.send(new ProducerRecord<>(topic, kv.getKey(), kv.getValue()))).toList();
        producer.flush();
        for (java.util.concurrent.Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("could not publish to " + topic, e);
            }
        }
    }

    String envelope(String type, Object snapshot) {
        try {
            return json.writeValueAsString(new EventEnvelope<>(java.util.UUID.randomUUID(), type, Instant.now(),
                    EventEnvelope.SCHEMA_VERSION, snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RecordMetadata problem(ProblemStatementSnapshot s) {
        String type = switch (s.status()) {
            case CLOSED -> ProblemStatementSnapshot.CLOSED;
            default -> s.version() == 0 ? ProblemStatementSnapshot.PUBLISHED : ProblemStatementSnapshot.UPDATED;
        };
        return send(Topics.PROBLEM_STATEMENTS_NAME, s.id().toString(), envelope(type, s));
    }

    RecordMetadata profile(SolutionProfileSnapshot s) {
        String type = switch (s.status()) {
            case WITHDRAWN -> SolutionProfileSnapshot.WITHDRAWN;
            default -> s.version() == 0 ? SolutionProfileSnapshot.REGISTERED : SolutionProfileSnapshot.UPDATED;
        };
        return send(Topics.SOLUTION_PROFILES_NAME, s.id().toString(), envelope(type, s));
    }

    void publish(Dataset data) {
        data.profiles().forEach(this::profile);
        data.problems().forEach(this::problem);
    }

    /** Waits until the matcher's group has committed past these records (their work is stored). */
    void awaitConsumed(RecordMetadata... records) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = committed();
            for (RecordMetadata r : records) {
                OffsetAndMetadata c = committed.get(new TopicPartition(r.topic(), r.partition()));
                if (c == null || c.offset() <= r.offset()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Waits until the group has consumed everything on both intake topics. */
    void awaitCaughtUp() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = committed();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(Topics.PROBLEM_STATEMENTS_NAME, Topics.SOLUTION_PROFILES_NAME)) {
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || (committed.containsKey(e.getKey()) && committed.get(e.getKey()).offset() >= e.getValue()));
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
