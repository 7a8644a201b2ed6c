package io.innoleap.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one command's answers before anything starts: a too old Java, bad options, help, demo and token
 * without a stack, an unknown user.
 */
class InnoleapLocalScriptTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

    private record Result(int code, String output) {
    }

    private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(env, true, args);
    }

    private static Result run(Map<String, String> env, boolean withStderr, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("innoleap-local").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(withStderr);
        if (!withStderr) {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    @Test
    void aJavaOlderThan17GetsOneLineAndAnErrorCode(@TempDir Path jdk) throws Exception {
        Path java = jdk.resolve("bin").resolve("java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result r = run(Map.of("JAVA_HOME", jdk.toString()), "--no-build");

        assertThat(r.code()).isNotZero();
        assertThat(r.output().strip()).isEqualTo("innoleap-local: " + java + " is Java 11.0.22; JDK 17 or newer is needed (set JAVA_HOME to one).");
    }

    @Test
    void java8IsRecognisedAsTooOld(@TempDir Path jdk) throws Exception {
        Path java = jdk.resolve("bin").resolve("java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho 'java version \"1.8.0_402\"' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result r = run(Map.of("JAVA_HOME", jdk.toString()), "--no-build");

        assertThat(r.code()).isNotZero();
        assertThat(r.output()).contains("is Java 1.8.0_402; JDK 17 or newer is needed");
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() throws Exception {
        Result r = run(Map.of(), "--no-build", "--bogus");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.output()).startsWith("innoleap-local: unknown option --bogus").contains("Usage: ./innoleap-local")
                .doesNotContain("Exception");
    }

    @Test
    void helpListsTheOptions() throws Exception {
        Result r = run(Map.of(), "--help");
        assertThat(r.code()).isZero();
        assertThat(r.output()).contains("--demo", "--no-build", "--data-dir", "--port NAME=N");
    }

    @Test
    void demoRefusesAStackThatIsNotRunning() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("demo"));
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        for (String service : List.of("problem", "solution", "matcher", "scheduler", "oidc")) {
            ports.put(service, Ports.free()); // nothing listens there, and no running stack gets demo data
            args.addAll(List.of("--port", service + "=" + ports.get(service)));
        }

        Result r = run(Map.of(), args.toArray(String[]::new));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).startsWith("innoleap-local demo: not healthy: problem-service (nothing answers on port "
                + ports.get("problem") + ")").contains("scheduler-service")
                .contains("identity provider (nothing answers on port " + ports.get("oidc") + ")").contains("start the stack first");
    }

    @Test
    void settleRefusesBadValuesAndAStackThatIsNotRunning() throws Exception {
        Result bad = run(Map.of(), "settle", "--rate", "0");
        assertThat(bad.code()).isEqualTo(64);
        assertThat(bad.output()).startsWith("innoleap-local settle: --problems and --profiles must not be negative")
                .contains("Usage: ./innoleap-local settle").doesNotContain("Exception");
        Result unknown = run(Map.of(), "settle", "--bogus");
        assertThat(unknown.code()).isEqualTo(64);
        assertThat(unknown.output()).startsWith("innoleap-local settle: Unknown option: '--bogus'");

        List<String> args = new java.util.ArrayList<>(List.of("settle"));
        for (String part : List.of("problem", "solution", "matcher", "scheduler", "oidc")) {
            args.addAll(List.of("--port", part + "=" + Ports.free())); // nothing listens there
        }
        Result r = run(Map.of(), args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).startsWith("innoleap-local settle: not healthy: problem-service (nothing answers on port ")
                .contains("start the stack first").doesNotContain("Exception");
    }

    @Test
    void tokenWithoutARunningStackSaysSoInOneLineAndPrintsNoToken() throws Exception {
        int port = Ports.free(); // nothing listens there

        Result r = run(Map.of(), "token", "lta", "--port", "oidc=" + port);
        Result stdout = run(Map.of(), false, "token", "lta", "--port", "oidc=" + port);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).isEqualTo("innoleap-local token: no identity provider answers at http://localhost:" + port
                + "/innoleap; start the local stack first (./innoleap-local)\n");
        assertThat(stdout.output()).as("nothing on stdout, so TOKEN=$(...) stays empty").isEmpty();
    }

    @Test
    void tokenForAnUnknownUserNamesTheDemoUsers() throws Exception {
        Result r = run(Map.of(), "token", "bob");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).isEqualTo("innoleap-local token: unknown user 'bob'; the demo users are office, coordinator,"
                + " lta, nea, ura, aurora, sensetech\n");

        Result none = run(Map.of(), "token");
        assertThat(none.code()).isEqualTo(64);
        assertThat(none.output()).startsWith("innoleap-local token: which user? one of office, coordinator, lta");
    }

    @Test
    void badOptionValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--port", "web=9000"}))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--port needs NAME=N with NAME one of [problem, solution, matcher, scheduler, kafka, oidc, smtp,"
                        + " mail, mariadb], was 'web=9000'");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--port", "mail=99999"}))
                .hasMessage("a port must be a number from 1 to 65535, was '99999'");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--replicas", "4"}))
                .hasMessage("--replicas must be 1, 2 or 3, was 4");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--timeout", "soon"}))
                .hasMessageContaining("'soon' is not a number of seconds");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--bogus"}))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    }

    @Test
    void optionsParse() {
        StackOptions o = StackOptions.parse(new String[] {"--root", "/x", "--port", "problem=9181", "--port=mail=9025",
                "--data-dir", "d", "--demo", "--timeout=30"});
        assertThat(o.port("problem")).isEqualTo(9181);
        assertThat(o.port("mail")).isEqualTo(9025);
        assertThat(o.port("kafka")).isEqualTo(9092);
        assertThat(o.port("oidc")).isEqualTo(8090);
        assertThat(o.dataDir).isEqualTo(Path.of("/x/d"));
        assertThat(o.demo).isTrue();
        assertThat(o.timeout.toSeconds()).isEqualTo(30);
        assertThat(o.quiet).isFalse();

        StackOptions defaults = StackOptions.parse(new String[] {"--root", "/x", "--no-build", "--quiet"});
        assertThat(defaults.dataDir).isEqualTo(Path.of("/x/.local-stack"));
        assertThat(defaults.port("mail")).isEqualTo(8025);
        assertThat(defaults.timeout.toSeconds()).isEqualTo(300);
        assertThat(defaults.quiet).isTrue();
    }
}
