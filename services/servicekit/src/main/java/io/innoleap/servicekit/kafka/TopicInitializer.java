package io.innoleap.servicekit.kafka;

import io.innoleap.contracts.topics.TopicDefinition;
import io.innoleap.contracts.topics.Topics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the programme's topics and their dead-letter topics at start-up if missing, compacted
 * where the registry says so. Every service does this (it is idempotent), so start order does
 * not matter and no topic is ever auto-created with the wrong settings. If Kafka is away at
 * start-up, the service still starts and a background thread keeps trying.
 */
@Context
@Requires(property = "kafka.bootstrap.servers")
@Requires(property = "innoleap.kafka.create-topics", notEquals = "false")
public class TopicInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

    private final String bootstrapServers;
    private final int partitions;
    private final short replicationFactor;
    private volatile boolean done;

    public TopicInitializer(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                            @Value("${innoleap.kafka.partitions:3}") int partitions,
                            @Value("${innoleap.kafka.replication-factor:1}") short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    @PostConstruct
    void init() {
        if (!tryCreate(Duration.ofSeconds(20))) {
            Thread t = new Thread(() -> {
                while (!done && !Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    tryCreate(Duration.ofSeconds(10));
                }
            }, "topic-initializer");
            t.setDaemon(true);
            t.start();
        }
    }

    public boolean isDone() {
        return done;
    }

    public static List<NewTopic> definitions(int partitions, short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (TopicDefinition t : Topics.all()) {
            NewTopic topic = new NewTopic(t.name(), partitions, replicationFactor);
            if (t.compacted()) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
            // Dead letters are kept for inspection (not compacted: every failure matters).
            topics.add(new NewTopic(t.deadLetterTopic(), 1, replicationFactor));
        }
        return topics;
    }

    private boolean tryCreate(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10_000));
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            List<NewTopic> missing = definitions(partitions, replicationFactor).stream()
                    .filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                for (var entry : admin.createTopics(missing).values().entrySet()) {
                    try {
                        entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                LOG.info("Created Kafka topics {}", missing.stream().map(NewTopic::name).toList());
            }
            done = true;
            return true;
        } catch (Exception e) {
            LOG.warn("Could not create Kafka topics yet ({}); will retry", e.toString());
            return false;
        }
    }
}
