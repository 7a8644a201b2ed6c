package io.innoleap.scheduler.reports.store;

import io.innoleap.scheduler.reports.domain.HeldEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The report's read-only queries over the bookings the other features keep (clinic, workshop,
 * sharing_day): plain SQL on its own connection, so the report needs none of their classes and
 * changes nothing. Instants are bound and read as {@link Timestamp}s, as Micronaut Data stores them.
 */
@Singleton
public class ReportFacts {

    private static final int CHUNK = 500;

    private final DataSource dataSource;

    public ReportFacts(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** A clinic booked on a statement, in any status. */
    public record ClinicFact(UUID problemStatementId, String status, Instant startsAt) {
    }

    public List<ClinicFact> clinicsOf(Collection<UUID> problemStatementIds) {
        List<String> ids = problemStatementIds.stream().map(UUID::toString).toList();
        List<ClinicFact> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < ids.size(); i += CHUNK) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
                String sql = "SELECT problem_statement_id, status, starts_at FROM clinic WHERE problem_statement_id IN ("
                        + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int j = 0; j < chunk.size(); j++) {
                        ps.setString(j + 1, chunk.get(j));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new ClinicFact(UUID.fromString(rs.getString(1)), rs.getString(2),
                                    rs.getTimestamp(3).toInstant()));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading clinics for the report failed", e);
        }
        return out;
    }

    /** Workshops and sharing days not cancelled that start in {@code [from, to)}. */
    public List<HeldEvent> heldBetween(Instant from, Instant to) {
        List<HeldEvent> out = new ArrayList<>();
        if (!from.isBefore(to)) {
            return out;
        }
        try (Connection c = dataSource.getConnection()) {
            held(c, "workshop", HeldEvent.Kind.WORKSHOP, from, to, out);
            held(c, "sharing_day", HeldEvent.Kind.SHARING_DAY, from, to, out);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading workshops and sharing days for the report failed", e);
        }
        return out;
    }

    private static void held(Connection c, String table, HeldEvent.Kind kind, Instant from, Instant to, List<HeldEvent> out)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT theme FROM " + table
                + " WHERE status <> 'CANCELLED' AND starts_at >= ? AND starts_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HeldEvent(kind, rs.getString(1)));
                }
            }
        }
    }
}
