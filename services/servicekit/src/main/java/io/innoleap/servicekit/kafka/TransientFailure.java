package io.innoleap.servicekit.kafka;

/**
 * Work that failed for a reason that passes (see {@link Failures}) and has waited long enough in
 * place: thrown out of a listener so that Kafka redelivers the record after the listener's retry
 * delay, without committing its offset and without dead-lettering it. Listeners retry it forever.
 */
public class TransientFailure extends RuntimeException {
    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
