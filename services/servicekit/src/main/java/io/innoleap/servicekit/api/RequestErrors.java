package io.innoleap.servicekit.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Extracts a client-facing field name and message from framework error messages. */
final class RequestErrors {

    /** Jackson/serde paths look like {@code ["themes"]->[0]} or {@code ...Request["contact"]->...["email"]}. */
    private static final Pattern JSON_PATH = Pattern.compile("\\[\"([^\"]+)\"\\]|\\[(\\d+)\\]");
    private static final Pattern PROPERTY = Pattern.compile("(?:property|field|Property) \\[?([a-zA-Z][a-zA-Z0-9]*)\\]?");
    /** serde's enum message: {@code Expected one of [A, B] but was 'X'}. */
    private static final Pattern ENUM_VALUE = Pattern.compile("but was '([^']{0,60})");
    /** serde's shape message: {@code Unexpected token START_OBJECT, expected START_ARRAY}. */
    private static final Pattern EXPECTED_TOKEN = Pattern.compile("expected ([A-Z_]+)");
    /** Where the parser stopped, as Jackson words it, e.g. {@code line: 1, column: 38}. */
    private static final Pattern LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");

    private RequestErrors() {
    }

    static String fieldFromPath(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        // Controllers name their body parameter "body": an error on it is about the whole body.
        String p = path.startsWith("/") ? path.substring(1) : path;
        return "body".equals(p) ? null : p;
    }

    static String fieldFromMessage(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = JSON_PATH.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (m.group(1) != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(m.group(1));
            } else {
                sb.append('[').append(m.group(2)).append(']');
            }
        }
        if (sb.length() > 0) {
            return sb.toString();
        }
        Matcher p = PROPERTY.matcher(message);
        return p.find() ? p.group(1) : null;
    }

    /** Framework messages can be long and leak class names; keep the first useful sentence. */
    static String clean(String message) {
        if (message == null) {
            return "invalid value";
        }
        String m = message.replaceAll("io\\.innoleap\\.[\\w.$]+", "request")
                .replaceAll("\\s*\\(through reference chain:.*", "")
                .replaceAll("\\s*at \\[Source:.*", "")
                .trim();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    /**
     * The failing input named by the exception behind a framework 400, when it says enough: a body
     * that is not JSON ({@code body}), a JSON value of the wrong shape or type ({@code readinessLevel},
     * {@code organisation.type}, {@code themes[1]}: serde records the path), a query or path value
     * that does not convert ({@code status}, {@code id}), or a missing body or argument.
     */
    static Optional<Problem.FieldError> fromCause(@Nullable Throwable root) {
        if (root == null) {
            return Optional.empty();
        }
        List<Throwable> chain = chain(root);
        for (Throwable t : chain) {
            if (isJsonSyntaxError(t)) {
                return Optional.of(new Problem.FieldError("body",
                        "is not valid JSON" + location(t.getMessage()) + ": " + clean(t.getMessage())));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SerdeException serde) {
                return Optional.of(fromSerde(serde, chain));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof UnsatisfiedBodyRouteException) {
                return Optional.of(new Problem.FieldError("body", "is required: send a JSON object"));
            }
            if (t instanceof UnsatisfiedRouteException u) {
                return Optional.of(new Problem.FieldError(argumentName(u.getArgument()), "is required"));
            }
            if (t instanceof ConversionErrorException c && c.getArgument() != null) {
                String name = argumentName(c.getArgument());
                String value = c.getConversionError() == null ? null
                        : c.getConversionError().getOriginalValue().map(String::valueOf).orElse(null);
                return Optional.of(new Problem.FieldError(name, expectation(c.getArgument()) + was(value)));
            }
        }
        return Optional.empty();
    }

    private static Problem.FieldError fromSerde(SerdeException outer, List<Throwable> chain) {
        // The outermost exception carries the whole path (innermost element first).
        List<ReferencePath> path = List.of();
        for (Throwable t : chain) {
            if (t instanceof SerdeException s && s.getPath() != null && s.getPath().size() > path.size()) {
                path = s.getPath();
            }
        }
        List<ReferencePath> outward = new ArrayList<>(path);
        Collections.reverse(outward);
        StringBuilder field = new StringBuilder();
        Argument<?> target = null;
        for (ReferencePath p : outward) {
            if (p instanceof PropertyReferencePath prop) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(prop.property().getName());
                target = prop.property();
            } else if (p instanceof CollectionItemReferencePath item) {
                field.append('[').append(item.index()).append(']');
                target = target == null ? null : target.getFirstTypeVariable().orElse(null);
            } else if (p instanceof MapItemReferencePath entry) {
                field.append('.').append(entry.key());
                target = target == null ? null : (Argument<?>) target.getTypeVariable("V").orElse(null);
            }
        }
        String deepest = chain.stream().filter(SerdeException.class::isInstance).reduce((a, b) -> b)
                .map(Throwable::getMessage).orElse(outer.getMessage());
        String message;
        if (target != null) {
            Matcher value = ENUM_VALUE.matcher(deepest == null ? "" : deepest);
            message = expectation(target) + (value.find() ? was(value.group(1)) : "");
        } else {
            Matcher expected = EXPECTED_TOKEN.matcher(deepest == null ? "" : deepest);
            message = expected.find() ? tokenExpectation(expected.group(1)) : clean(deepest);
        }
        return new Problem.FieldError(field.length() == 0 ? "body" : field.toString(), message);
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
        if (type == String.class) {
            return "must be a string";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (type.getName().startsWith("java.time.")) {
            return "must be an ISO-8601 " + (type.getSimpleName().equals("LocalDate") ? "date" : "date-time");
        }
        return type.getName().startsWith("java.") ? "has an invalid value" : "must be an object";
    }

    private static String tokenExpectation(String token) {
        return switch (token) {
            case "START_ARRAY" -> "must be an array";
            case "START_OBJECT" -> "must be an object";
            case "VALUE_STRING" -> "must be a string";
            case "VALUE_NUMBER_INT" -> "must be a whole number";
            case "VALUE_NUMBER_FLOAT" -> "must be a number";
            case "VALUE_TRUE", "VALUE_FALSE" -> "must be true or false";
            default -> "has the wrong type";
        };
    }

    private static String was(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return ", not '" + shown + "'";
    }

    private static String location(@Nullable String message) {
        Matcher m = LOCATION.matcher(message == null ? "" : message);
        return m.find() ? " (at line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }

    /** Jackson's parse errors, by name: servicekit does not compile against jackson-core. */
    private static boolean isJsonSyntaxError(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("com.fasterxml.jackson.core.JsonParseException")) {
                return true;
            }
        }
        return false;
    }

    private static String argumentName(Argument<?> argument) {
        return argument.getName();
    }

    /** The causes of {@code root}, outermost first, including a conversion error's own cause. */
    private static List<Throwable> chain(Throwable root) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = root;
        while (t != null && seen.add(t)) {
            chain.add(t);
            Throwable next = t.getCause();
            if (next == null && t instanceof ConversionErrorException c && c.getConversionError() != null) {
                next = c.getConversionError().getCause();
            }
            t = next;
        }
        return chain;
    }
}
