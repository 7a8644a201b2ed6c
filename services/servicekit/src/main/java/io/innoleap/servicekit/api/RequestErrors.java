package io.innoleap.servicekit.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Names the failing input behind a framework 400 from the exception's own structure (never its message text). */
final class RequestErrors {

    private RequestErrors() {
    }

    /**
     * The input a framework 400 is about: a query or path value that does not convert
     * ({@code status}, {@code id}), or a missing body or argument.
     */
    static Optional<Problem.FieldError> fromCause(@Nullable Throwable root) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = root; t != null && seen.add(t); t = next(t)) {
            if (t instanceof UnsatisfiedBodyRouteException) {
                return Optional.of(new Problem.FieldError("body", "is required: send a JSON object"));
            }
            if (t instanceof UnsatisfiedRouteException u) {
                return Optional.of(new Problem.FieldError(u.getArgument().getName(), "is required"));
            }
            if (t instanceof ConversionErrorException c && c.getArgument() != null) {
                String value = c.getConversionError() == null ? null
                        : c.getConversionError().getOriginalValue().map(String::valueOf).orElse(null);
                return Optional.of(new Problem.FieldError(c.getArgument().getName(), expectation(c.getArgument()) + was(value)));
            }
        }
        return Optional.empty();
    }

    /** The first exception of that type among {@code root} and its causes. */
    static <E extends Throwable> Optional<E> find(@Nullable Throwable root, Class<E> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = root; t != null && seen.add(t); t = next(t)) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** What a value of this type looks like, in the client's words. */
    static String expectation(Argument<?> argument) {
        Class<?> type = argument.getType();
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "must be a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || type == BigDecimal.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        if (type.getName().startsWith("java.time.")) {
            return "must be an ISO-8601 " + (type.getSimpleName().equals("LocalDate") ? "date" : "date-time");
        }
        return "has an invalid value";
    }

    private static String was(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return ", not '" + shown + "'";
    }

    private static Throwable next(Throwable t) {
        Throwable next = t.getCause();
        if (next == null && t instanceof ConversionErrorException c && c.getConversionError() != null) {
            next = c.getConversionError().getCause();
        }
        return next;
    }
}
