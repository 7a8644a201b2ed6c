package io.innoleap.matcher.service;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.matcher.matching.MatchingService;
import io.innoleap.matcher.store.MatchRow;
import io.innoleap.matcher.store.Repositories.MatchRows;
import io.innoleap.testkit.ServiceTestProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows a batch writes with JDBC batches (match pairs, their outbox events, the snapshots) are the
 * rows the service then reads: every stored pair's newest event carries its version and score, a
 * pair's events are in version order by outbox id (the order the relay publishes in), and the events
 * of a batch are stamped with its instant of the service clock, to the microsecond.
 */
class MatchEventRowsTest {

    private record EventRow(long id, UUID eventId, String topic, String key, String type, MatchSnapshot match,
                            Instant createdAt, int attempts) {
    }

    @Test
    void aBatchWritesOneEventRowPerChangeInVersionOrder() throws Exception {
        try (ApplicationContext ctx = ApplicationContext.run(
                Map.copyOf(ServiceTestProperties.forService("matcher-event-rows").build()))) {
            MatchingService matching = ctx.getBean(MatchingService.class);
            Dataset a = new Dataset("rows-a");
            Dataset b = new Dataset("rows-b");
            Clock clock = ctx.getBean(Clock.class);
            Instant before = clock.instant().truncatedTo(ChronoUnit.MICROS);
            // Three batches: the later ones move pairs the first inserted (updates and retractions).
            matching.applyAll(a.profiles(), a.problems());
            List<SolutionProfileSnapshot> second = new ArrayList<>(b.profiles());
            second.add(Dataset.rewritten(a.junctionEye, "BunchBuster", "BunchBuster predicts bus bunching on busy "
                    + "trunk routes from vehicle locations and holds buses to keep even headways.", List.of("bus bunching")));
            second.add(Dataset.withStatus(a.triageCast, SolutionProfileStatus.WITHDRAWN));
            matching.applyAll(second, List.of());
            matching.applyAll(List.of(), b.problems());
            Instant after = clock.instant();

            List<EventRow> events = events(ctx).stream().filter(e -> e.topic().equals(Topics.MATCHES_NAME)).toList();
            assertThat(events).isNotEmpty();
            assertThat(events).allSatisfy(e -> {
                assertThat(e.key()).isEqualTo(e.match().key());
                assertThat(e.createdAt()).isBetween(before, after);
                assertThat(e.attempts()).isZero();
            });
            assertThat(events.stream().map(EventRow::eventId).distinct()).hasSameSizeAs(events);
            // one instant per batch, kept to the microsecond, rising with the ids
            assertThat(events.stream().map(EventRow::createdAt).distinct()).hasSize(3).isSorted();

            Map<String, List<EventRow>> byKey = new HashMap<>();
            events.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e));
            for (List<EventRow> pair : byKey.values()) {
                for (int i = 1; i < pair.size(); i++) {
                    assertThat(pair.get(i).match().version()).as("versions in id order of " + pair.get(i).key())
                            .isGreaterThan(pair.get(i - 1).match().version());
                }
                assertThat(pair.get(0).type()).isEqualTo(MatchSnapshot.PROPOSED);
            }
            List<MatchRow> active = new ArrayList<>();
            ctx.getBean(MatchRows.class).findAll().forEach(r -> {
                if (r.active()) {
                    active.add(r);
                }
            });
            assertThat(active).isNotEmpty();
            for (MatchRow row : active) {
                List<EventRow> pair = byKey.get(row.problemStatementId() + ":" + row.solutionProfileId());
                assertThat(pair).as("events of a stored pair").isNotNull();
                MatchSnapshot last = pair.get(pair.size() - 1).match();
                assertThat(last.version()).isEqualTo(row.version());
                assertThat(last.score()).isEqualTo(row.score());
                assertThat(last.rank()).isEqualTo(row.rank());
                assertThat(last.active()).isTrue();
            }
            assertThat(events.stream().filter(e -> e.type().equals(MatchSnapshot.RETRACTED))).as("the withdrawal retracts pairs")
                    .isNotEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<EventRow> events(ApplicationContext ctx) {
        JsonMapper json = ctx.getBean(JsonMapper.class);
        JdbcOperations jdbc = ctx.getBean(JdbcOperations.class);
        TransactionOperations<Connection> tx = ctx.getBean(TransactionOperations.class);
        return tx.executeRead(status -> jdbc.prepareStatement(
                "SELECT id, event_id, topic, record_key, event_type, payload, created_at, attempts "
                        + "FROM outbox_event ORDER BY id", ps -> {
                    List<EventRow> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Map<?, ?> envelope = json.readValue(rs.getString("payload"), Map.class);
                            MatchSnapshot match = json.readValue(json.writeValueAsString(envelope.get("data")),
                                    MatchSnapshot.class);
                            out.add(new EventRow(rs.getLong("id"), UUID.fromString(rs.getString("event_id")),
                                    rs.getString("topic"), rs.getString("record_key"), rs.getString("event_type"), match,
                                    rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts")));
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return out;
                }));
    }
}
