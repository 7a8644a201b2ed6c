package io.innoleap.testkit;

import io.innoleap.mariadb.EmbeddedMariaDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.MySQLContainer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MySQL-protocol server for the test run, and a fresh database on it per test class:
 * {@code TEST_DATABASE_URL} (+ {@code TEST_DATABASE_USER}/{@code TEST_DATABASE_PASSWORD}) if set;
 * else a Testcontainers MySQL 8.4 when Docker answers; else the server on 127.0.0.1:3306 (root,
 * empty password) when one answers there; else an embedded MariaDB 11.4 started from Maven Central
 * jars (see embedded-mariadb), once per test JVM, with its files under the module's
 * {@code target/embedded-mariadb}. {@code INNOLEAP_TEST_LOCAL_DATABASE=false} skips 127.0.0.1:3306.
 *
 * <p>MariaDB 10.x announces itself as {@code 5.5.5-10.11.x}, so MySQL Connector/J treats it as
 * MySQL 5.5 and silently drops fractional seconds. Against MariaDB we therefore connect with
 * MariaDB's own driver ({@code jdbc:mariadb://}); against MySQL with Connector/J, as production
 * does. The services keep the MYSQL dialect either way.
 */
public final class TestDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Tells apart test JVMs that run at the same time against one server (two checkouts, CI and a developer). */
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);
    private static TestDatabase instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final boolean mariadb;
    private String version;
    private final String source;
    private final List<String> created = new ArrayList<>();
    private EmbeddedMariaDb embedded;

    private TestDatabase(String host, int port, String user, String password, String source) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.source = source;
        this.mariadb = detectMariaDb();
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            TestDatabase db = instance;
            // One hook, in order: shutdown hooks run concurrently, and the drops need the server.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                db.dropCreated();
                if (db.embedded != null) {
                    db.embedded.close();
                }
            }, "test-database-cleanup"));
            db.dropStale();
        }
        return instance;
    }

    /** A new, empty database; its JDBC settings for Micronaut's {@code datasources.default}. */
    public synchronized Jdbc createDatabase(String purpose) {
        String name = "itest_" + serverStamp(0) + "_"
                + shortName(purpose) + "_" + RUN + "_" + COUNTER.incrementAndGet();
        execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        created.add(name);
        return jdbc(name);
    }

    public Jdbc jdbc(String database) {
        String url = mariadb
                ? "jdbc:mariadb://" + host + ":" + port + "/" + database
                : "jdbc:mysql://" + host + ":" + port + "/" + database
                + "?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + "&rewriteBatchedStatements=true";
        String driver = mariadb ? "org.mariadb.jdbc.Driver" : "com.mysql.cj.jdbc.Driver";
        return new Jdbc(url, user, password, driver);
    }

    public boolean isMariaDb() {
        return mariadb;
    }

    /** The server's {@code VERSION()}, e.g. {@code 10.11.14-MariaDB-0+deb12u2} or {@code 8.4.5}. */
    public String serverVersion() {
        return version;
    }

    public String source() {
        return source;
    }

    /** JDBC settings of one test database. */
    public record Jdbc(String url, String username, String password, String driverClassName) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }
    }

    private static TestDatabase start() {
        String explicit = Settings.get("TEST_DATABASE_URL", "innoleap.test.database.url");
        if (explicit != null) {
            // jdbc:mysql://host:port[/...] or jdbc:mariadb://host:port[/...]
            String rest = explicit.replaceFirst("^jdbc:[a-z]+://", "");
            String hostPort = rest.split("[/?]")[0];
            String[] hp = hostPort.split(":");
            String user = orDefault(Settings.get("TEST_DATABASE_USER", "innoleap.test.database.user"), "root");
            String pw = orDefault(Settings.get("TEST_DATABASE_PASSWORD", "innoleap.test.database.password"), "");
            return new TestDatabase(hp[0], hp.length > 1 ? Integer.parseInt(hp[1]) : 3306, user, pw, "explicit");
        }
        if (Docker.available()) {
            MySQLContainer<?> mysql = new MySQLContainer<>("mysql:8.4").withUsername("root").withPassword("test")
                    .withCommand("--max-connections=500");
            mysql.start();
            Runtime.getRuntime().addShutdownHook(new Thread(mysql::stop, "mysql-container-stop"));
            return new TestDatabase(mysql.getHost(), mysql.getMappedPort(3306), "root", "test", "testcontainers");
        }
        if (!"false".equalsIgnoreCase(Settings.get("INNOLEAP_TEST_LOCAL_DATABASE", "innoleap.test.database.local"))
                && answers("127.0.0.1", 3306)) {
            return new TestDatabase("127.0.0.1", 3306, "root", "", "local server");
        }
        LOG.info("No database server answers on 127.0.0.1:3306: starting an embedded MariaDB");
        EmbeddedMariaDb embedded = EmbeddedMariaDb.start(Path.of("target", "embedded-mariadb").toAbsolutePath(), 0);
        TestDatabase db = new TestDatabase(embedded.host(), embedded.port(), "root", "", "embedded MariaDB");
        db.embedded = embedded;
        return db;
    }

    /** Whether a MySQL-protocol server lets root in without a password at this address. */
    private static boolean answers(String host, int port) {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/?connectTimeout=2000",
                "root", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            LOG.info("The database server at {}:{} does not let root in ({})", host, port, e.getMessage());
            return false;
        }
    }

    private boolean detectMariaDb() {
        String url = "jdbc:mariadb://" + host + ":" + port + "/";
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            version = rs.getString(1);
            LOG.info("Tests use the database server at {}:{} ({}, {})", host, port, version, source);
            return version.toLowerCase().contains("mariadb");
        } catch (SQLException e) {
            throw new IllegalStateException("No MySQL-protocol database reachable at " + host + ":" + port + " as '" + user
                    + "' (" + e.getMessage() + "). Provide one: run Docker (Testcontainers starts MySQL 8.4), or start "
                    + "MariaDB/MySQL on 127.0.0.1:3306 with user root and an empty password (on Debian: "
                    + "apt-get install -y mariadb-server && service mariadb start; `bash .ci/run` does this), or set "
                    + "TEST_DATABASE_URL, TEST_DATABASE_USER and TEST_DATABASE_PASSWORD.", e);
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbc("").url(), user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database: " + sql + " failed: " + e.getMessage(), e);
        }
    }

    private synchronized void dropCreated() {
        for (String name : created) {
            try {
                execute("DROP DATABASE IF EXISTS `" + name + "`");
            } catch (RuntimeException ignored) {
                // best effort at shutdown
            }
        }
    }

    /**
     * The server's UTC time {@code hoursAgo} hours back, as a name stamp. Databases are named and aged
     * by the server's clock, which every run against it shares: a run whose own clock is moved (the
     * suite under libfaketime a year ahead) would otherwise take every other run's databases for
     * leftovers and drop them while those runs still use them (seen: "Table ... doesn't exist").
     */
    private String serverStamp(int hoursAgo) {
        try (Connection c = DriverManager.getConnection(jdbc("").url(), user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL " + hoursAgo
                     + " HOUR, '%Y%m%d%H%i%s')")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the test database server's clock", e);
        }
    }

    /** Databases left by a killed test run more than two hours ago (never those of a run still going). */
    private void dropStale() {
        String cutoff;
        try {
            cutoff = serverStamp(2);
        } catch (IllegalStateException e) {
            return;
        }
        List<String> stale = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc("").url(), user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'itest\\_%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.split("_");
                if (parts.length > 1 && parts[1].length() == 14 && parts[1].compareTo(cutoff) < 0) {
                    stale.add(name);
                }
            }
        } catch (SQLException e) {
            return;
        }
        stale.forEach(n -> execute("DROP DATABASE IF EXISTS `" + n + "`"));
    }

    /** Database names are limited to 64 characters. */
    private static String shortName(String purpose) {
        String n = purpose.replaceAll("[^a-zA-Z0-9]", "").toLowerCase();
        return n.length() > 24 ? n.substring(0, 24) : n;
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }
}
