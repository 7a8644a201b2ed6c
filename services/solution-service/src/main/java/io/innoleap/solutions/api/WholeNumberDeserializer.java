package io.innoleap.solutions.api;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;

/**
 * Reads a JSON integer and nothing else. The default deserialiser coerces {@code 7.5} to 7,
 * {@code true} to 1 and {@code "7"} to 7; a readiness level sent as any of those is a client bug
 * that should get a 400 naming the field, not a silently different value.
 */
@Singleton
public class WholeNumberDeserializer implements Deserializer<Integer> {

    @Override
    public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof Integer i) {
            return i;
        }
        if ((value instanceof Long || value instanceof BigInteger)
                && BigInteger.valueOf(Integer.MIN_VALUE).compareTo(new BigInteger(value.toString())) <= 0
                && BigInteger.valueOf(Integer.MAX_VALUE).compareTo(new BigInteger(value.toString())) >= 0) {
            return ((Number) value).intValue();
        }
        throw decoder.createDeserializationException("must be a whole number", value);
    }

    @Override
    public Integer deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Integer> type)
            throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }
}
