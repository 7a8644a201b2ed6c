package io.innoleap.matcher.matching;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Contract snapshots to and from the JSON kept in the snapshot tables. */
@Singleton
class SnapshotJson {

    private final JsonMapper json;

    SnapshotJson(JsonMapper json) {
        this.json = json;
    }

    <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
