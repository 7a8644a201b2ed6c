package io.innoleap.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The one command's answers before anything starts: a too old Java, bad options, help. */
class InnoleapLocalScriptTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

    private record Result(int code, String output) {
    }

    private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("innoleap-local").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
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
    void optionsParse() {
        StackOptions o = StackOptions.parse(new String[] {"--root", "/x", "--port", "problem=9181", "--port=mail=9025",
                "--data-dir", "d", "--demo", "--timeout=30"});
        assertThat(o.port("problem")).isEqualTo(9181);
        assertThat(o.port("mail")).isEqualTo(9025);
        assertThat(o.port("kafka")).isEqualTo(9092);
        assertThat(o.dataDir).isEqualTo(Path.of("/x/d"));
        assertThat(o.demo).isTrue();
        assertThat(o.timeout.toSeconds()).isEqualTo(30);
    }
}
