package io.innoleap.servicekit.kafka;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parks a record a consumer cannot process on {@code {topic}.dlq}, original key and value intact,
 * the error and the record's origin in headers, so the consumer can carry on. Sends synchronously:
 * the caller commits the offset only once the dead letter is safely stored.
 */
@Singleton
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";
    public static final String CONSUMER_GROUP = "dlq.consumer.group";
    public static final String FAILED_AT = "dlq.failed.at";

    private final Producer<byte[], byte[]> producer;

    public DeadLetters(@KafkaClient(id = "dead-letters", acks = KafkaClient.Acknowledge.ALL, properties = {
            @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"),
            @Property(name = ProducerConfig.MAX_BLOCK_MS_CONFIG, value = "10000"),
            @Property(name = ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    value = "org.apache.kafka.common.serialization.ByteArraySerializer"),
            @Property(name = ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    value = "org.apache.kafka.common.serialization.ByteArraySerializer")
    }) Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    public void send(ConsumerRecord<?, ?> record, String consumerGroup, Throwable error) {
        ProducerRecord<byte[], byte[]> dlq = new ProducerRecord<>(record.topic() + ".dlq", null,
                bytes(record.key()), bytes(record.value()));
        for (Header h : record.headers()) {
            dlq.headers().add(h);
        }
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        dlq.headers()
                .add(header(ERROR_CLASS, error.getClass().getName()))
                .add(header(ERROR_MESSAGE, message.length() > 2000 ? message.substring(0, 2000) : message))
                .add(header(ORIGINAL_TOPIC, record.topic()))
                .add(header(ORIGINAL_PARTITION, Integer.toString(record.partition())))
                .add(header(ORIGINAL_OFFSET, Long.toString(record.offset())))
                .add(header(CONSUMER_GROUP, consumerGroup))
                .add(header(FAILED_AT, Instant.now().toString()));
        try {
            producer.send(dlq).get(30, TimeUnit.SECONDS);
            LOG.warn("Record {}-{}@{} sent to {}.dlq: {}", record.topic(), record.partition(), record.offset(),
                    record.topic(), message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            // Not stored: let the consumer's retry handle it rather than lose the record.
            throw new IllegalStateException("Could not dead-letter " + record.topic() + "@" + record.offset(), e);
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof byte[] b) {
            return b;
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
