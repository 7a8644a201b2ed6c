package io.innoleap.servicekit.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.function.Function;

/** A page of a list (API.md "Lists"). */
@Serdeable
public record Page<T>(List<T> items, int page, int size, long totalItems) {

    public static <E, T> Page<T> of(io.micronaut.data.model.Page<E> page, Function<E, T> mapper) {
        return new Page<>(page.getContent().stream().map(mapper).toList(), page.getPageNumber(), page.getSize(),
                page.getTotalSize());
    }
}
