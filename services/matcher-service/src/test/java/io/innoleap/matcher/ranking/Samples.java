package io.innoleap.matcher.ranking;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Small hand-written problems and profiles, and one shared model for all tests. */
final class Samples {

    private static TextEmbedder model;

    private Samples() {
    }

    /** Loading the model takes about a second: do it once per test JVM. */
    static synchronized TextEmbedder model() {
        if (model == null) {
            model = new MiniLmEmbedder();
        }
        return model;
    }

    static MatchEngine engine(MatchConfig config) {
        return new MatchEngine(config, model(), EmbeddingCache.inMemory());
    }

    static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    static ProblemDoc problem(String name, String title, String description, Horizon horizon, String... themes) {
        return new ProblemDoc(id(name), title, description, Set.of(themes), horizon, true);
    }

    static ProfileDoc profile(String name, String solution, String summary, List<String> keywords, Integer trl,
                              String... themes) {
        return new ProfileDoc(id(name), solution, summary, keywords, Set.of(themes), trl, true);
    }

    static final ProblemDoc BUS = problem("bus", "Predicting bus bunching on trunk routes",
            "Buses on trunk routes often arrive in bunches: two or three together, then a long gap. Commuters wait "
                    + "longer than the timetable promises and crowding rises. We want to predict bunching early and "
                    + "advise bus captains to hold or speed up so that headways stay even.",
            Horizon.IMMEDIATE_OPERATIONAL, "transport", "smart-cities");

    static final ProfileDoc HEADWAY = profile("headway", "FleetSense Headway Control",
            "Real-time headway control for bus fleets: predicts bunching from vehicle locations and passenger loads "
                    + "and sends hold or speed-up advice to bus captains.",
            List.of("headway", "bus", "bunching"), 8, "transport", "smart-cities");

    static final ProfileDoc PARKING = profile("parking", "ParkEasy",
            "A mobile app that shows free car park lots in shopping malls and lets drivers pay for parking by the "
                    + "minute.", List.of("parking", "payments", "mobile app"), 9, "transport");

    static final ProfileDoc TUTOR = profile("tutor", "MathsMate Tutor",
            "Adaptive mathematics practice for primary school pupils, with hints and progress reports for teachers.",
            List.of("adaptive learning", "mathematics", "primary school"), 9, "education");
}
