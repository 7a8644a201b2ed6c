package io.innoleap.servicekit.kafka;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * "kafka" in {@code /health}: DOWN within a few seconds when no broker answers. (micronaut-kafka's
 * own indicator waits for the client's default timeouts, longer than a health probe should.)
 */
@Singleton
@Readiness
@Requires(property = "kafka.bootstrap.servers")
public class KafkaHealth implements HealthIndicator {

    private final Admin admin;
    private final Duration timeout;

    public KafkaHealth(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                       @Value("${innoleap.kafka.health-timeout:3s}") Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "health");
        this.admin = Admin.create(props);
        this.timeout = timeout;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        // Non-blocking: the admin client's futures complete (or time out) on its own thread.
        return Publishers.fromCompletableFuture(this::check);
    }

    private CompletableFuture<HealthResult> check() {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        return cluster.clusterId().toCompletionStage().toCompletableFuture()
                .thenCombine(cluster.nodes().toCompletionStage().toCompletableFuture(), (id, nodes) -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("clusterId", id);
                    details.put("nodes", nodes.size());
                    return HealthResult.builder("kafka", HealthStatus.UP).details(details).build();
                })
                .exceptionally(e -> {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    return HealthResult.builder("kafka", HealthStatus.DOWN)
                            .details(Map.of("error", cause.toString())).build();
                });
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
