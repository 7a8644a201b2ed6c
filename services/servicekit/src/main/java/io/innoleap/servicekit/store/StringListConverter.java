package io.innoleap.servicekit.store;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A list of strings stored as a JSON array in a TEXT column. JSON columns do not travel between
 * MySQL and H2 (the MYSQL dialect binds JSON as {@code CONVERT(? USING UTF8MB4)}, which H2 rejects), TEXT does; filtering on a slug uses {@code LIKE '%"slug"%'}.
 */
@Singleton
public class StringListConverter implements AttributeConverter<List<String>, String> {

    private static final Argument<List<String>> LIST = Argument.listOf(String.class);
    private final JsonMapper json;

    public StringListConverter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String convertToPersistedValue(List<String> value, ConversionContext context) {
        try {
            return value == null ? "[]" : json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> convertToEntityValue(String value, ConversionContext context) {
        try {
            return value == null || value.isBlank() ? List.of() : List.copyOf(json.readValue(value, LIST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The LIKE pattern that finds rows whose list holds {@code element}. */
    public static String containsPattern(String element) {
        return "%\"" + element.replace("\\", "").replace("%", "").replace("_", "\\_").replace("\"", "") + "\"%";
    }
}
