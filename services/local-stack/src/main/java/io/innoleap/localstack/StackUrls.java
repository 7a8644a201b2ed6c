package io.innoleap.localstack;

import java.util.Set;

/** Base URLs of a running stack, and which services it runs. */
public record StackUrls(String problems, String solutions, String matcher, String scheduler, String mail,
                        Set<String> running) {

    public static StackUrls defaults() {
        return new StackUrls("http://localhost:8081", "http://localhost:8082", "http://localhost:8083",
                "http://localhost:8084", "http://localhost:8025", Set.of("problem", "solution", "matcher", "scheduler"));
    }

    public boolean runs(String label) {
        return running.contains(label);
    }
}
