package io.innoleap.servicekit.api;

import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Names every field whose JSON type does not fit the request record, by walking the parsed body
 * against the record's introspection. The deserialiser stops at the first mismatch and does not
 * say where; a client deserves the full list with JSON paths ({@code themes}, {@code contact.email},
 * {@code horizon}: "must be one of [...]").
 */
final class BodyTypeChecker {

    private BodyTypeChecker() {
    }

    static List<Problem.FieldError> check(JsonNode root, Argument<?> type) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!root.isObject()) {
            errors.add(new Problem.FieldError("body", "must be a JSON object"));
            return errors;
        }
        checkObject(root, type.getType(), "", errors);
        return errors;
    }

    private static void checkObject(JsonNode node, Class<?> type, String prefix, List<Problem.FieldError> errors) {
        Optional<? extends BeanIntrospection<?>> introspection = BeanIntrospector.SHARED.findIntrospection(type);
        if (introspection.isEmpty()) {
            return;
        }
        for (BeanProperty<?, ?> property : introspection.get().getBeanProperties()) {
            JsonNode value = node.get(property.getName());
            if (value != null) {
                checkValue(value, property.asArgument(), prefix + property.getName(), errors);
            }
        }
    }

    private static void checkValue(JsonNode value, Argument<?> type, String path, List<Problem.FieldError> errors) {
        if (value.isNull()) {
            return; // required-ness is bean validation's job
        }
        Class<?> t = type.getType();
        String problem = null;
        if (CharSequence.class.isAssignableFrom(t)) {
            problem = value.isString() ? null : "must be a string";
        } else if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class
                || t == short.class) {
            problem = value.isNumber() && isIntegral(value) ? null : "must be a whole number";
        } else if (t == Double.class || t == double.class || t == Float.class || t == float.class
                || Number.class.isAssignableFrom(t)) {
            problem = value.isNumber() ? null : "must be a number";
        } else if (t == Boolean.class || t == boolean.class) {
            problem = value.isBoolean() ? null : "must be true or false";
        } else if (t.isEnum()) {
            Object[] constants = t.getEnumConstants();
            boolean ok = value.isString() && Arrays.stream(constants).anyMatch(c -> ((Enum<?>) c).name().equals(value.getStringValue()));
            problem = ok ? null : "must be one of " + Arrays.toString(constants);
        } else if (t == UUID.class) {
            problem = parses(value, s -> UUID.fromString(s)) ? null : "must be a UUID";
        } else if (t == Instant.class || t == OffsetDateTime.class) {
            problem = parses(value, OffsetDateTime::parse) ? null : "must be an ISO-8601 date-time with offset, e.g. 2027-01-14T09:30:00+08:00";
        } else if (t == LocalDate.class) {
            problem = parses(value, LocalDate::parse) ? null : "must be a date like 2027-01-14";
        } else if (t == LocalTime.class) {
            problem = parses(value, LocalTime::parse) ? null : "must be a time like 09:30";
        } else if (Collection.class.isAssignableFrom(t)) {
            if (!value.isArray()) {
                problem = "must be an array";
            } else {
                Argument<?> element = type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
                int i = 0;
                for (JsonNode item : value.values()) {
                    checkValue(item, element, path + "[" + i++ + "]", errors);
                }
            }
        } else if (Map.class.isAssignableFrom(t)) {
            problem = value.isObject() ? null : "must be an object";
        } else if (t != Object.class) {
            if (!value.isObject()) {
                problem = "must be an object";
            } else {
                checkObject(value, t, path + ".", errors);
            }
        }
        if (problem != null) {
            errors.add(new Problem.FieldError(path, problem));
        }
    }

    private static boolean isIntegral(JsonNode value) {
        Number n = value.getNumberValue();
        return !(n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal)
                || n.doubleValue() == Math.rint(n.doubleValue());
    }

    private static boolean parses(JsonNode value, java.util.function.Consumer<String> parser) {
        if (!value.isString()) {
            return false;
        }
        try {
            parser.accept(value.getStringValue());
            return true;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return false;
        }
    }
}
