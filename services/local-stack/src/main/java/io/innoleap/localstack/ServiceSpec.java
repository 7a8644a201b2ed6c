package io.innoleap.localstack;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the four services as the local stack runs it: which module's shaded jar, its main class,
 * the default port and the JVM flags.
 *
 * <p>Heaps are modest on purpose (the whole stack should fit a laptop next to an IDE); the matcher
 * holds a sentence-embedding model in memory and needs more.
 */
public record ServiceSpec(String name, String label, String mainClass, int defaultPort, List<String> jvmFlags) {

    public static final String VERSION = "1.0.0-SNAPSHOT";

    private static final List<String> SMALL = List.of(
            "-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("problem-service", "problem", "io.innoleap.problems.ProblemServiceApplication", 8081, SMALL),
            new ServiceSpec("solution-service", "solution", "io.innoleap.solutions.SolutionServiceApplication", 8082, SMALL),
            // Full JIT for the matcher: it ranks with Java dot products; the model is read whole into the heap.
            new ServiceSpec("matcher-service", "matcher", "io.innoleap.matcher.MatcherServiceApplication", 8083,
                    List.of("-Xms64m", "-Xmx768m", "-XX:+UseSerialGC", "-Xss512k", "--add-modules", "jdk.incubator.vector")),
            new ServiceSpec("scheduler-service", "scheduler", "io.innoleap.scheduler.SchedulerServiceApplication", 8084, SMALL));

    public Path jar(Path root) {
        return root.resolve("services").resolve(name).resolve("target").resolve(name + "-" + VERSION + ".jar");
    }
}
