package io.innoleap.scheduler.programme.store;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A value stored as JSON in a TEXT column (JSON columns do not travel between MySQL and H2: the
 * MYSQL dialect binds JSON as {@code CONVERT(? USING UTF8MB4)}, which H2 rejects). Subclass it per stored type as a {@code @Singleton} and name the subclass in
 * {@code @MappedProperty(converter = ...)}.
 */
public abstract class JsonTextConverter<T> implements AttributeConverter<T, String> {

    private final JsonMapper json;
    private final Argument<T> type;

    protected JsonTextConverter(JsonMapper json, Argument<T> type) {
        this.json = json;
        this.type = type;
    }

    @Override
    public String convertToPersistedValue(T value, ConversionContext context) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T convertToEntityValue(String value, ConversionContext context) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
