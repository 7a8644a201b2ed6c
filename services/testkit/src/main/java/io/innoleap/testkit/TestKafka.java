package io.innoleap.testkit;

import io.innoleap.kafka.KafkaBrokerProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The test run's Kafka broker, started once per test JVM: {@code KAFKA_BOOTSTRAP_SERVERS} if set;
 * else a Testcontainers {@code apache/kafka} container when Docker answers; else a real KRaft
 * broker from Maven Central jars in a child JVM (see embedded-kafka).
 */
public final class TestKafka {

    private static final Logger LOG = LoggerFactory.getLogger(TestKafka.class);
    private static TestKafka instance;

    private final String bootstrapServers;
    private final KafkaBrokerProcess process;
    private final KafkaContainer container;
    private final String source;

    private TestKafka(String bootstrapServers, KafkaBrokerProcess process, KafkaContainer container, String source) {
        this.bootstrapServers = bootstrapServers;
        this.process = process;
        this.container = container;
        this.source = source;
    }

    public static synchronized TestKafka get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String source() {
        return source;
    }

    /**
     * Makes the broker unreachable until the returned handle is closed; the data is kept, so
     * what was written before comes back. Not possible for an externally provided broker.
     */
    public Outage outage() {
        if (process != null) {
            process.close();
            return () -> process.start(Duration.ofMinutes(3));
        }
        if (container != null) {
            var docker = DockerClientFactory.instance().client();
            docker.pauseContainerCmd(container.getContainerId()).exec();
            return () -> docker.unpauseContainerCmd(container.getContainerId()).exec();
        }
        throw new UnsupportedOperationException("Cannot take an external Kafka (" + bootstrapServers + ") offline");
    }

    public boolean canSimulateOutage() {
        return process != null || container != null;
    }

    /** The broker is back when this is closed. */
    public interface Outage extends AutoCloseable {
        @Override
        void close();
    }

    private static TestKafka start() {
        String explicit = Settings.get("KAFKA_BOOTSTRAP_SERVERS", "innoleap.test.kafka.bootstrap-servers");
        if (explicit != null) {
            LOG.info("Tests use the Kafka at {} (explicit setting)", explicit);
            return new TestKafka(explicit, null, null, "explicit");
        }
        if (Docker.available()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:3.9.1");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
            LOG.info("Tests use a Testcontainers Kafka at {}", container.getBootstrapServers());
            return new TestKafka(container.getBootstrapServers(), null, container, "testcontainers");
        }
        try {
            Path dir = Files.createTempDirectory("innoleap-test-kafka-");
            KafkaBrokerProcess broker = KafkaBrokerProcess.create(dir, 0);
            long t0 = System.nanoTime();
            broker.start(Duration.ofMinutes(3)); // a busy two-core machine needs more than a minute
            LOG.info("Tests use an embedded KRaft broker at {} (ready in {} ms, log {})", broker.bootstrapServers(),
                    (System.nanoTime() - t0) / 1_000_000, broker.logFile());
            // Runs after the Micronaut contexts have closed (they close after each test class).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                Files2.deleteRecursively(dir);
            }, "kafka-broker-stop"));
            return new TestKafka(broker.bootstrapServers(), broker, null, "embedded");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a Kafka broker for the tests. Set KAFKA_BOOTSTRAP_SERVERS "
                    + "to use an existing one, or run Docker for Testcontainers. Cause: " + e.getMessage(), e);
        }
    }
}
