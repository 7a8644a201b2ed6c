package io.innoleap.mariadb;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The server run by the caller as a plain process: every committed row survives kill -9 of the server. */
class MariaDbServerCommandTest {

    @Test
    void committedRowsSurviveKillMinus9() throws Exception {
        Path home = Path.of("target", "mariadb-command-test").toAbsolutePath();
        Files.createDirectories(home);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MariaDbServerCommand server = MariaDbServerCommand.prepare(home, port);
        Process first = start(server);
        int committed = 0;
        try (Connection c = DriverManager.getConnection(server.mariadbUrl(""), "root", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS durable");
            s.execute("CREATE DATABASE durable");
            s.execute("CREATE TABLE durable.t (id INT PRIMARY KEY)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO durable.t VALUES (?)")) {
                for (int i = 1; i <= 200; i++) {
                    p.setInt(1, i);
                    p.executeUpdate(); // autocommit: each row acknowledged on its own
                    committed = i;
                }
            }
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(first.exitValue()).isEqualTo(137);

        Process second = start(MariaDbServerCommand.prepare(home, port));
        try (Connection c = DriverManager.getConnection(server.mariadbUrl("durable"), "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(committed);
        } finally {
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("SIGTERM stops it").isTrue();
        }
    }

    /** Starts the server and returns once it prints that it accepts connections. */
    private static Process start(MariaDbServerCommand server) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(server.command()).directory(server.workingDirectory().toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(server.environment());
        Process p = pb.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.contains(MariaDbServerCommand.READY_LINE)) {
                        Thread drain = new Thread(() -> drain(in), "mariadb-output");
                        drain.setDaemon(true);
                        drain.start();
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(ready.get(180, TimeUnit.SECONDS)).as("mariadbd said it is ready").isTrue();
        return p;
    }

    private static void drain(BufferedReader in) {
        try {
            while (in.readLine() != null) {
                // keep the pipe from filling up
            }
        } catch (Exception ignored) {
            // the server is gone
        }
    }
}
