package io.innoleap.servicekit.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpStatus;

import java.util.ArrayList;
import java.util.List;

/** Validates {@code ?page=&size=} (size 1..100, default 20) and turns them into a {@link Pageable}. */
public final class PageRequest {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    private PageRequest() {
    }

    public static Pageable of(@Nullable Integer page, @Nullable Integer size, Sort sort) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            errors.add(new Problem.FieldError("page", "must be 0 or more"));
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add(new Problem.FieldError("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid paging parameters", errors);
        }
        return Pageable.from(p, s, sort);
    }
}
