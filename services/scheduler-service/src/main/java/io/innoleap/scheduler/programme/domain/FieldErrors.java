package io.innoleap.scheduler.programme.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects every failing field before throwing, so a client learns all its mistakes at once. */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Checks an optional integer against an inclusive range; {@code null} means "use the default". */
    public FieldErrors range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, "must be between " + min + " and " + max);
        }
        return this;
    }

    public FieldErrors requiredRange(String field, Integer value, int min, int max) {
        if (value == null) {
            return add(field, "is required");
        }
        return range(field, value, min, max);
    }

    public FieldErrors text(String field, String value, int min, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "is required");
            }
        } else if (value.strip().length() < min || value.strip().length() > max) {
            add(field, "must be " + min + " to " + max + " characters");
        }
        return this;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
