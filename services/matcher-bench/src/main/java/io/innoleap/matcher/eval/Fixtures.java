package io.innoleap.matcher.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.innoleap.matcher.ranking.Horizon;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;

/** A labelled set read in place from a fixtures folder (problems, solutions, labels JSON). */
public record Fixtures(String name, List<ProblemDoc> problems, List<ProfileDoc> profiles,
                       Map<UUID, Map<UUID, Integer>> grades, Map<UUID, String> keys) {

    public static Fixtures load(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<UUID, String> keys = new HashMap<>();
        List<ProblemDoc> problems = new ArrayList<>();
        for (JsonNode p : json.readTree(folder.resolve("problems.json").toFile())) {
            UUID id = idOf(p.get("key").asText());
            keys.put(id, p.get("key").asText());
            // Fixtures carry no status: a labelled problem is an open one.
            problems.add(new ProblemDoc(id, p.path("title").asText(), p.path("description").asText(),
                    strings(p.get("themes")), Horizon.valueOf(p.path("horizon").asText("LONG_TERM")),
                    !p.has("status") || "OPEN".equals(p.get("status").asText())));
        }
        List<ProfileDoc> profiles = new ArrayList<>();
        for (JsonNode s : json.readTree(folder.resolve("solutions.json").toFile())) {
            UUID id = idOf(s.get("key").asText());
            keys.put(id, s.get("key").asText());
            profiles.add(new ProfileDoc(id, s.path("solutionName").asText(), s.path("summary").asText(),
                    List.copyOf(strings(s.get("keywords"))), strings(s.get("themes")),
                    s.hasNonNull("readinessLevel") ? s.get("readinessLevel").asInt() : null,
                    !s.has("status") || "ACTIVE".equals(s.get("status").asText())));
        }
        Map<UUID, Map<UUID, Integer>> grades = new HashMap<>();
        JsonNode labels = json.readTree(folder.resolve("labels.json").toFile());
        labels.fields().forEachRemaining(problem -> {
            Map<UUID, Integer> row = new HashMap<>();
            problem.getValue().fields().forEachRemaining(g -> row.put(idOf(g.getKey()), g.getValue().asInt()));
            grades.put(idOf(problem.getKey()), row);
        });
        return new Fixtures(folder.getFileName().toString(), problems, profiles, grades, keys);
    }

    /** Stable ids from the fixture keys, so runs are reproducible. */
    static UUID idOf(String key) {
        return UUID.nameUUIDFromBytes(("fixture:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static LinkedHashSet<String> strings(JsonNode array) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
