package io.innoleap.localstack.mail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mail catcher as its own process, started the way the stack launcher (or a person) starts it:
 * {@code java -cp target/classes:<target/runtime.classpath> io.innoleap.localstack.mail.MailCatcher}.
 */
class MailCatcherProcessTest {

    private static final Pattern READY = Pattern.compile(
            "Mail catcher ready in (\\d+) ms: SMTP ([0-9.]+):(\\d+), web page and API (http://\\S+) \\((\\d+) messages");

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private record Running(Process process, int smtpPort, URI http, long wallMillis, int keptAtStart) {
    }

    private Process launch(Path stdout, Path stderr, String... args) throws IOException {
        String classpath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target", "runtime.classpath")).trim();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, MailCatcher.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        started.add(process);
        return process;
    }

    private Running start(Path dataDir) throws IOException {
        Path out = Files.createTempFile(tmp, "out", ".log");
        Path err = Files.createTempFile(tmp, "err", ".log");
        long t0 = System.nanoTime();
        Process process = launch(out, err, "--smtp-port", "0", "--http-port", "0", "--data-dir", dataDir.toString());
        AtomicReference<Matcher> ready = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("mail catcher exited " + process.exitValue() + ": " + Files.readString(err));
            }
            Matcher m = READY.matcher(Files.readString(out));
            if (m.find()) {
                ready.set(m);
                return true;
            }
            return false;
        });
        long wall = (System.nanoTime() - t0) / 1_000_000;
        Matcher m = ready.get();
        return new Running(process, Integer.parseInt(m.group(3)), URI.create(m.group(4)), wall,
                Integer.parseInt(m.group(5)));
    }

    @Test
    void runsAsItsOwnProcessStopsOnSigtermAndKeepsMailForTheNextStart() throws Exception {
        Path dataDir = tmp.resolve("mail");
        Running first = start(dataDir);
        assertThat(first.keptAtStart()).isZero();
        assertThat(TestMail.get(first.http(), "/livez").statusCode()).isEqualTo(200);

        TestMail.send(TestMail.calendarInvite(TestMail.session(first.smtpPort())));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.total(first.http()) == 1);
        long rssKb = rssKb(first.process().pid());
        System.out.printf("mail catcher process: ready %d ms after launch (JVM start included), RSS %d KB%n",
                first.wallMillis(), rssKb);

        first.process().destroy(); // SIGTERM, as Ctrl-C or the launcher's shutdown sends
        assertThat(first.process().waitFor(15, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();

        Running second = start(dataDir);
        assertThat(second.keptAtStart()).isEqualTo(1);
        assertThat(TestMail.getJson(second.http(), "/api/v1/messages").get("messages").get(0).get("Subject").asText())
                .isEqualTo("Clinic awaiting confirmation: Smart water sensors");
        second.process().destroy();
        assertThat(second.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTakenPortEndsTheProcessWithAClearMessageAndNoStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Path out = tmp.resolve("out.log");
            Path err = tmp.resolve("err.log");
            Process process = launch(out, err, "--smtp-port", String.valueOf(taken.getLocalPort()),
                    "--http-port", "0", "--data-dir", tmp.resolve("mail").toString());

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            String stderr = Files.readString(err);
            assertThat(stderr).contains("SMTP port " + taken.getLocalPort()).contains("already in use")
                    .doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void badArgumentsPrintUsage() throws Exception {
        Path out = tmp.resolve("out.log");
        Path err = tmp.resolve("err.log");
        Process process = launch(out, err, "--smtp-port", "seventy");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(64);
        assertThat(Files.readString(err)).contains("--smtp-port").contains("'seventy' is not a port number")
                .contains("Usage:");
    }

    /** Resident memory from /proc (Linux); -1 elsewhere. For the printed figure only. */
    private static long rssKb(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(status), StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}
