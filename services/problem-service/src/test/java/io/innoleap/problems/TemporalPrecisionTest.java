package io.innoleap.problems;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.problems.store.ProblemStatementEntity;
import io.innoleap.problems.store.ProblemStatementRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestDatabase;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MariaDB trap: MariaDB 10.x announces itself as {@code 5.5.5-10.x}, so Connector/J takes it
 * for MySQL 5.5 and silently drops the fractional seconds of every temporal parameter. MariaDB 11
 * (the embedded fallback) announces its own version and keeps them. The tests connect to MariaDB
 * with MariaDB's own driver; this proves microseconds survive the way the service writes them,
 * and shows the trap exactly where it exists.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalPrecisionTest implements TestPropertyProvider {

    @Inject
    ProblemStatementRepository repository;

    @Inject
    DataSource dataSource;

    @Value("${datasources.default.url}")
    String url;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("problem-temporal").build();
    }

    @Test
    void microsecondsSurviveTheRoundTrip() throws Exception {
        Instant created = Instant.parse("2027-01-14T01:30:00.123456Z");
        Instant updated = Instant.parse("2027-01-14T01:30:00.000001Z");
        UUID id = UUID.randomUUID();
        repository.save(new ProblemStatementEntity(id, "TIME", "Time Agency", "science", "Precise title",
                "A description long enough for the rules.", List.of("cloud"), Horizon.LONG_TERM, "T", "t@x.sg",
                ProblemStatementStatus.OPEN, 0, created, updated));

        ProblemStatementEntity read = repository.findById(id).orElseThrow();
        assertThat(read.createdAt()).isEqualTo(created);
        assertThat(read.updatedAt()).isEqualTo(updated);
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT created_at, updated_at FROM problem_statement WHERE id = '" + id + "'")) {
            rs.next();
            assertThat(rs.getTimestamp(1).getNanos()).isEqualTo(123_456_000);
            assertThat(rs.getTimestamp(2).getNanos()).isEqualTo(1_000);
        }
    }

    @Test
    void theTrapIsRealOnMariaDbWithConnectorJ() throws Exception {
        if (!TestDatabase.get().isMariaDb()) {
            assertThat(url).startsWith("jdbc:mysql:"); // MySQL itself: Connector/J is the right driver
            return;
        }
        assertThat(url).as("tests reach MariaDB through MariaDB's driver").startsWith("jdbc:mariadb:");
        String mysqlUrl = url.replace("jdbc:mariadb:", "jdbc:mysql:") + "?useSSL=false&allowPublicKeyRetrieval=true";
        TestDatabase.Jdbc jdbc = TestDatabase.get().jdbc(url.substring(url.lastIndexOf('/') + 1));
        try (Connection c = DriverManager.getConnection(mysqlUrl, jdbc.username(), jdbc.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE trap (t DATETIME(6))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trap VALUES (?)")) {
                ps.setTimestamp(1, Timestamp.from(Instant.parse("2027-01-14T01:30:00.123456Z")));
                ps.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT t FROM trap")) {
                rs.next();
                int nanos = rs.getTimestamp(1).getNanos();
                if (TestDatabase.get().serverVersion().startsWith("10.")) {
                    assertThat(nanos).as("Connector/J drops fractions on MariaDB 10.x").isZero();
                } else {
                    assertThat(nanos).as("Connector/J keeps fractions on MariaDB 11 and later").isEqualTo(123_456_000);
                }
            }
        }
    }
}
