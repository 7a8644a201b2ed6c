package io.innoleap.servicekit.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.validation.validator.Validator;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the JSON body of an API request into its request record, in one pass: the bytes are parsed
 * into a tree once, the tree is checked against the record's shape ({@link BodyTypeChecker}: every
 * field of the wrong JSON type, by its path), and only then bound to the record. A body that does
 * not fit is refused with {@link InvalidRequestBodyException} naming every failing field: the
 * mistyped ones, plus every bean-validation failure of the rest of the body, so one response lists
 * them all. A body that fits goes on to the controller, where {@code @Valid} checks it as usual.
 *
 * <p>Applies to the services' own request records ({@code io.innoleap} types with an introspection);
 * anything else (a {@code String}, a map) is left to Micronaut's JSON handler.
 */
@Singleton
@Order(-100) // before Micronaut's JSON handler (-10)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonRequestBodyReader<T> implements MessageBodyReader<T> {

    private final JsonMapper json;
    private final Validator validator;

    public JsonRequestBodyReader(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        Class<T> t = type.getType();
        return t.getName().startsWith("io.innoleap.") && !t.isEnum()
                && BeanIntrospector.SHARED.findIntrospection(t).isPresent();
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream) throws CodecException {
        byte[] bytes;
        try {
            bytes = inputStream.readAllBytes();
        } catch (IOException e) {
            throw new CodecException("The request body could not be read", e);
        }
        JsonNode tree = parse(bytes);
        List<Problem.FieldError> typed = BodyTypeChecker.check(tree, type);
        if (typed.isEmpty()) {
            return bind(tree, type);
        }
        if (typed.stream().anyMatch(f -> "body".equals(f.field()))) {
            throw new InvalidRequestBodyException("The request body must be a JSON object", typed);
        }
        List<Problem.FieldError> all = new ArrayList<>(typed);
        all.addAll(violationsOfTheRest(tree, type, typed));
        all.sort(Comparator.comparing(Problem.FieldError::field));
        throw new InvalidRequestBodyException("The request has fields of the wrong type", all);
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidRequestBodyException("The request body is empty",
                    List.of(new Problem.FieldError("body", "is required: send a JSON object")));
        }
        try {
            return json.readValue(bytes, JsonNode.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidRequestBodyException("The request body is not valid JSON",
                    List.of(new Problem.FieldError("body", "is not valid JSON" + where + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new InvalidRequestBodyException("The request body is not valid JSON",
                    List.of(new Problem.FieldError("body", "is not valid JSON")));
        }
    }

    private T bind(JsonNode tree, Argument<T> type) {
        try {
            return json.readValueFromTree(tree, type);
        } catch (IOException e) {
            // The shape check passed, so this is a value the type refuses (e.g. a number out of range).
            throw new InvalidRequestBodyException("The request has invalid fields",
                    List.of(new Problem.FieldError("body", "could not be read as the expected object")));
        }
    }

    /**
     * The body with its mistyped fields set to null, bound and validated: what else is wrong with it.
     * A constraint on a field already reported as mistyped (e.g. {@code @NotNull}) is not repeated.
     */
    private List<Problem.FieldError> violationsOfTheRest(JsonNode tree, Argument<T> type, List<Problem.FieldError> typed) {
        Set<String> blanked = typed.stream().map(Problem.FieldError::field).collect(Collectors.toSet());
        T value;
        try {
            value = json.readValueFromTree(withNulls(tree, "", blanked), type);
        } catch (IOException e) {
            return List.of();
        }
        return validator.validate(value).stream()
                .map(v -> new Problem.FieldError(ConstraintViolationHandler.fieldPath(v), v.getMessage()))
                .filter(f -> blanked.stream().noneMatch(b -> f.field().equals(b) || f.field().startsWith(b + ".")
                        || f.field().startsWith(b + "[")))
                .distinct()
                .toList();
    }

    /** A copy of {@code node} with the values at {@code paths} ({@code contact.email}, {@code themes[1]}) set to null. */
    private static JsonNode withNulls(JsonNode node, String path, Set<String> paths) {
        if (paths.contains(path)) {
            return JsonNode.nullNode();
        }
        if (node.isObject()) {
            Map<String, JsonNode> copy = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.entries()) {
                copy.put(e.getKey(), withNulls(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), paths));
            }
            return JsonNode.createObjectNode(copy);
        }
        if (node.isArray()) {
            List<JsonNode> copy = new ArrayList<>();
            int i = 0;
            for (JsonNode item : node.values()) {
                copy.add(withNulls(item, path + "[" + i++ + "]", paths));
            }
            return JsonNode.createArrayNode(copy);
        }
        return node;
    }
}
