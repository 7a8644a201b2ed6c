package io.innoleap.servicekit.kafka;

import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.configuration.kafka.exceptions.DefaultKafkaListenerExceptionHandler;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens once a listener's retries are exhausted (or a record cannot even be deserialised):
 * the record goes to its dead-letter topic instead of being skipped silently, so nothing accepted is
 * ever lost, and the consumer carries on with the next record.
 */
@Singleton
@Replaces(DefaultKafkaListenerExceptionHandler.class)
public class DeadLetteringExceptionHandler implements KafkaListenerExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringExceptionHandler.class);
    private final DeadLetters deadLetters;

    public DeadLetteringExceptionHandler(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void handle(KafkaListenerException exception) {
        ConsumerRecord<?, ?> record = exception.getConsumerRecord().orElse(null);
        if (record == null) {
            LOG.error("Kafka listener failed outside a record: {}", exception.getMessage(), exception);
            return;
        }
        Throwable cause = exception.getCause() == null ? exception : exception.getCause();
        String group = exception.getKafkaConsumer() == null ? "unknown"
                : exception.getKafkaConsumer().groupMetadata().groupId();
        deadLetters.send(record, group, cause);
    }
}
