package io.innoleap.servicekit.idempotency;

import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.api.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idempotent creation (the contract's {@code Idempotency-Key}): a retry with the same key and the
 * same body within 24 hours gets the first response again (the same resource) and creates and
 * publishes nothing; the same key with another body is a 422. The key is stored in the creating
 * transaction, so a key exists exactly when its resource does. Keys are per principal and endpoint.
 *
 * <p>Two requests with one key at the same time: the second one's insert waits on the first's row
 * lock and, once the first commits, finds the key and replays it. A failed insert leaves a shared
 * lock on the existing key, so the key is then read with a shared lock too: several retries that
 * arrive together all hold shared locks and replay side by side (reading it {@code FOR UPDATE}
 * would make each wait for the others' shared locks, which InnoDB resolves by killing all but one
 * as deadlocked: a 500 to a client that did nothing wrong).
 */
@Singleton
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final Duration RETENTION = Duration.ofHours(24);

    private final ConnectionOperations<Connection> connections;
    private final JsonMapper json;
    private final Clock clock;

    public IdempotencyKeys(ConnectionOperations<Connection> connections, JsonMapper json, Clock clock) {
        this.connections = connections;
        this.json = json;
        this.clock = clock;
    }

    /** What {@link #create} did: created anew, or replayed an earlier creation. */
    public record Outcome<T>(T resource, boolean replayed) {
    }

    /**
     * Creates the resource unless this principal already created one with this key at this endpoint.
     *
     * @param key    the header's value, or null (then it simply creates)
     * @param body   the request body, compared by its JSON form
     * @param create creates the resource in the current transaction
     * @param idOf   the created resource's id
     * @param replay reads the resource an earlier request created, by id
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public <T> Outcome<T> create(String principal, String scope, @Nullable String key, Object body,
                                 Supplier<T> create, Function<T, String> idOf, Function<String, T> replay) {
        if (key == null) {
            return new Outcome<>(create.get(), false);
        }
        validate(key);
        String hash = hash(body);
        Instant now = clock.instant();
        if (!claim(principal, scope, key, hash, now)) {
            Stored stored = read(principal, scope, key);
            if (stored.createdAt().isBefore(now.minus(RETENTION))) {
                reclaim(principal, scope, key, hash, now);
            } else if (!stored.hash().equals(hash)) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "This Idempotency-Key was already used with "
                        + "another request body; send a new key for a new request",
                        List.of(new Problem.FieldError(HEADER, "was already used with another request body")));
            } else if (stored.resourceId() != null) {
                return new Outcome<>(replay.apply(stored.resourceId()), true);
            }
        }
        T created = create.get();
        execute("UPDATE idempotency_key SET resource_id = ? WHERE principal = ? AND scope = ? AND idem_key = ?",
                idOf.apply(created), principal, scope, key);
        return new Outcome<>(created, false);
    }

    /** Keys past their 24 hours are forgotten (any replica may run this; deleting twice is harmless). */
    @Scheduled(fixedDelay = "${innoleap.idempotency.prune-interval:1h}", initialDelay = "5m")
    @Transactional
    public void prune() {
        execute("DELETE FROM idempotency_key WHERE created_at < ?", Timestamp.from(clock.instant().minus(RETENTION)));
    }

    private static void validate(String key) {
        if (key.isEmpty() || key.length() > 255 || key.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
            throw ApiException.badRequest(HEADER, "must be 1 to 255 visible ASCII characters");
        }
    }

    private boolean claim(String principal, String scope, String key, String hash, Instant now) {
        return execute("INSERT IGNORE INTO idempotency_key (principal, scope, idem_key, request_hash, resource_id, created_at) "
                + "VALUES (?, ?, ?, ?, NULL, ?)", principal, scope, key, hash, Timestamp.from(now)) == 1;
    }

    private void reclaim(String principal, String scope, String key, String hash, Instant now) {
        execute("UPDATE idempotency_key SET request_hash = ?, resource_id = NULL, created_at = ? "
                + "WHERE principal = ? AND scope = ? AND idem_key = ?", hash, Timestamp.from(now), principal, scope, key);
    }

    private record Stored(String hash, @Nullable String resourceId, Instant createdAt) {
    }

    private Stored read(String principal, String scope, String key) {
        try (PreparedStatement ps = connection().prepareStatement(
                "SELECT request_hash, resource_id, created_at FROM idempotency_key "
                        + "WHERE principal = ? AND scope = ? AND idem_key = ? LOCK IN SHARE MODE")) {
            ps.setString(1, principal);
            ps.setString(2, scope);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("Idempotency key vanished while in use");
                }
                return new Stored(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current transaction's connection (never closed here: the transaction owns it). */
    private Connection connection() {
        return connections.getConnectionStatus().getConnection();
    }

    private int execute(String sql, Object... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hash(Object body) {
        try {
            byte[] canonical = json.writeValueAsBytes(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
