package io.innoleap.mariadb;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The server starts from the jars alone, keeps microseconds, and keeps its data across a restart. */
class EmbeddedMariaDbTest {

    private static final Instant AT = Instant.parse("2027-01-14T01:30:00.123456Z");

    @Test
    void startsStoresAndKeepsDataAcrossARestart() throws Exception {
        Path home = Path.of("target", "embedded-mariadb-test").toAbsolutePath();
        Files.createDirectories(home);
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, 0);
             Connection c = connect(db, "")) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS kept");
                s.execute("CREATE DATABASE kept");
                s.execute("CREATE TABLE kept.t (id INT PRIMARY KEY, at DATETIME(6))");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO kept.t VALUES (1, ?)")) {
                p.setTimestamp(1, Timestamp.from(AT));
                p.executeUpdate();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                rs.next();
                assertThat(rs.getString(1)).contains("MariaDB").startsWith("11.");
            }
        }
        long t0 = System.nanoTime();
        try (EmbeddedMariaDb again = EmbeddedMariaDb.start(home, 0);
             Connection c = connect(again, "kept");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT at FROM t WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(AT);
            System.out.printf("restart with unpacked binaries: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private static Connection connect(EmbeddedMariaDb db, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + database, "root", "");
    }
}
