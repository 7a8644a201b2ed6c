package io.innoleap.solutions;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for the tests, as a client would send them; {@link #with} changes one field by path. */
final class SolutionProfileJson {

    /** Pass as a value to {@link #with} to drop the field. */
    static final Object ABSENT = new Object();

    private final Map<String, Object> body;

    private SolutionProfileJson(Map<String, Object> body) {
        this.body = body;
    }

    static SolutionProfileJson valid() {
        return valid("FleetSense");
    }

    static SolutionProfileJson valid(String solutionName) {
        Map<String, Object> organisation = new LinkedHashMap<>();
        organisation.put("name", "Aurora Robotics Pte Ltd");
        organisation.put("type", "COMMERCIAL");
        organisation.put("uen", "201912345k");
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", "Priya Nair");
        contact.put("email", "Priya@Aurora.example");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", organisation);
        body.put("solutionName", solutionName);
        body.put("summary", "Real-time headway control for bus fleets using on-board cameras and GPS.");
        body.put("themes", new ArrayList<>(List.of("Smart Cities", "transport")));
        body.put("keywords", new ArrayList<>(List.of(" headway ", "bus", "Computer Vision", "BUS", "computer vision")));
        body.put("readinessLevel", 7);
        body.put("contact", contact);
        return new SolutionProfileJson(body);
    }

    /** Sets (or with {@link #ABSENT} removes) the field at a dotted path such as {@code organisation.type}. */
    @SuppressWarnings("unchecked")
    SolutionProfileJson with(String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> target = body;
        for (int i = 0; i < parts.length - 1; i++) {
            target = (Map<String, Object>) target.get(parts[i]);
        }
        if (value == ABSENT) {
            target.remove(parts[parts.length - 1]);
        } else {
            target.put(parts[parts.length - 1], value);
        }
        return this;
    }

    String toJson(JsonMapper json) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
