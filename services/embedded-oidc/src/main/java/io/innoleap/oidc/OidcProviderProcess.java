package io.innoleap.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenID Connect provider (NAV's mock-oauth2-server) in a child JVM whose classpath holds
 * only the provider's jars: discovery at {@code {issuer}/.well-known/openid-configuration}, keys at
 * {@code {issuer}/jwks}, tokens at {@code {issuer}/token} (password grant: {@code username=lta}
 * gets the claims of user {@code lta}), and a login page for the authorization-code flow. It
 * checks no passwords: for development and tests only.
 *
 * <p>Users come from a file in the format of the bundled {@value #DEMO_USERS} (the programme's
 * demo users), or from that file itself; a file with {@code "includeDemoUsers": true} adds its
 * users to the demo users. A signing key (an RSA private JWK) may be given so that
 * tokens stay valid across restarts and tests can sign tokens of their own with the same key; a key file that does not exist yet
 * is created with a new key at the first start (the local stack keeps its key that way).
 *
 * <p>Unlike the Kafka broker, the provider keeps a shifted clock (libfaketime) if the caller has
 * one: tokens must be issued on the same clock the services check them against.
 *
 * <p>Plain JDK only: this class must load without the provider's jars on the caller's classpath.
 */
public final class OidcProviderProcess implements AutoCloseable {

    /** The programme's demo users (the same as in the docker compose realm). */
    public static final String DEMO_USERS = "/io/innoleap/oidc/demo-users.json";
    /** The issuer id in the demo users file: the issuer is {@code http://host:port/innoleap}. */
    public static final String ISSUER_ID = "innoleap";
    static final String READY_LINE = "InnoLeap OIDC provider ready at";

    private final Path dir;
    private final String host;
    private final int port;
    private final Path usersFile;
    private final Path signingKeyFile;
    private Process process;
    private Instant parentClockForTests;

    private OidcProviderProcess(Path dir, String host, int port, Path usersFile, Path signingKeyFile) {
        this.dir = dir;
        this.host = host;
        this.port = port;
        this.usersFile = usersFile;
        this.signingKeyFile = signingKeyFile;
    }

    /**
     * A provider on {@code 127.0.0.1:port} (0 = a free port), writing its log under {@code dir}.
     *
     * @param usersFile      users in the demo-users format, or null for the demo users
     * @param signingKeyFile an RSA private key as a JWK (JSON), or null for a fresh key per start; a file
     *                       that does not exist yet is created with a new key at the first start and
     *                       kept, so tokens stay valid across restarts
     */
    public static OidcProviderProcess create(Path dir, int port, Path usersFile, Path signingKeyFile) {
        return new OidcProviderProcess(dir.toAbsolutePath(), "127.0.0.1", port == 0 ? freePort() : port,
                usersFile, signingKeyFile);
    }

    /** The demo users, as the bundled resource holds them (JSON). */
    public static String demoUsers() {
        try (InputStream in = OidcProviderProcess.class.getResourceAsStream(DEMO_USERS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tests: launch as a parent whose clock reads this now would (what a libfaketime run does). */
    OidcProviderProcess parentClockForTests(Instant now) {
        this.parentClockForTests = now;
        return this;
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:port/innoleap}: what tokens carry in {@code iss}. */
    public String issuer() {
        return "http://localhost:" + port + "/" + ISSUER_ID;
    }

    public String jwksUrl() {
        return issuer() + "/jwks";
    }

    public String tokenEndpoint() {
        return issuer() + "/token";
    }

    public Path logFile() {
        return dir.resolve("oidc-provider.log");
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the provider; returns when its discovery document answers. */
    public synchronized OidcProviderProcess start(Duration timeout) {
        if (isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(dir);
            Path log = logFile();
            Files.deleteIfExists(log);
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms16m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                    "-Djava.awt.headless=true"));
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (withoutClockShift(builder.environment()) || parentClockForTests != null) {
                long parentClock = parentClockForTests != null ? parentClockForTests.toEpochMilli() : System.currentTimeMillis();
                cmd.add("-D" + ProviderMain.PARENT_CLOCK + "=" + parentClock);
            }
            cmd.addAll(List.of("-cp", classpath(), ProviderMain.class.getName(),
                    host, Integer.toString(port), usersFile == null ? "-" : usersFile.toAbsolutePath().toString()));
            if (signingKeyFile != null) {
                cmd.add(signingKeyFile.toAbsolutePath().toString());
            }
            process = builder.command(cmd).start();
            awaitReady(timeout);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the OIDC provider", e);
        }
    }

    /**
     * The provider runs on the real clock even when this JVM runs under libfaketime (the suite run
     * with the clock a year ahead): with the preload inherited, the child JVM did not become ready
     * within two minutes. It is then told this JVM's time instead and stamps its tokens with it
     * ({@link ProviderMain#PARENT_CLOCK}), so the services, which keep the shifted clock, accept them.
     * Returns whether a clock shift was removed.
     */
    static boolean withoutClockShift(Map<String, String> env) {
        boolean shifted = env.getOrDefault("LD_PRELOAD", "").contains("faketime")
                || env.getOrDefault("DYLD_INSERT_LIBRARIES", "").contains("faketime");
        if (shifted) {
            env.remove("LD_PRELOAD");
            env.remove("DYLD_INSERT_LIBRARIES");
            env.keySet().removeIf(k -> k.startsWith("FAKETIME"));
        }
        return shifted;
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/" + ISSUER_ID
                + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The OIDC provider exited with " + process.exitValue()
                        + " during start-up; see " + logFile() + ":\n" + tail());
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("The OIDC provider was not ready within " + timeout + "; see " + logFile()
                + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The provider's jars (written at build time) plus this module's own classes or jar. */
    private static String classpath() throws IOException {
        try (InputStream in = OidcProviderProcess.class.getResourceAsStream("/io/innoleap/oidc/provider.classpath")) {
            if (in == null) {
                throw new IllegalStateException("provider.classpath is missing: build services/embedded-oidc first");
            }
            String own;
            try {
                own = Path.of(OidcProviderProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            return own + java.io.File.pathSeparator + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
