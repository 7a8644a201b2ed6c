package io.innoleap.servicekit.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Extracts a client-facing field name and message from framework error messages. */
final class RequestErrors {

    /** Jackson/serde paths look like {@code ["themes"]->[0]} or {@code ...Request["contact"]->...["email"]}. */
    private static final Pattern JSON_PATH = Pattern.compile("\\[\"([^\"]+)\"\\]|\\[(\\d+)\\]");
    private static final Pattern PROPERTY = Pattern.compile("(?:property|field|Property) \\[?([a-zA-Z][a-zA-Z0-9]*)\\]?");

    private RequestErrors() {
    }

    static String fieldFromPath(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        // Controllers name their body parameter "body": an error on it is about the whole body.
        return "body".equals(path) ? null : path;
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
}
