package io.innoleap.servicekit.kafka;

import io.micronaut.core.annotation.Nullable;
import org.apache.kafka.common.errors.RetriableException;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure that passes (the database or the broker unreachable, a timeout, a lock wait, a
 * deadlock) from one that will happen again however often the work is retried. Looks through the
 * whole cause chain: frameworks wrap the JDBC or network exception that says what happened.
 */
public final class Failures {

    /** MySQL/MariaDB error codes that a retry can cure: lock wait timeout, deadlock, server gone, connection lost. */
    private static final Set<Integer> TRANSIENT_VENDOR_CODES = Set.of(1205, 1213, 2006, 2013, 1040, 1927);

    private Failures() {
    }

    public static boolean isTransient(@Nullable Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof TransientFailure
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof SocketException
                    || t instanceof RetriableException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
            String name = t.getClass().getName();
            // Connection pool and transaction managers that could not get a connection at all.
            if (name.endsWith("CannotGetJdbcConnectionException") || name.endsWith("CannotCreateTransactionException")
                    || name.equals("io.micronaut.data.connection.exceptions.ConnectionException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransient(SQLException sql) {
        String state = sql.getSQLState();
        // 08: connection exception; 40: transaction rollback (deadlock, serialization); HYT00: timeout.
        return (state != null && (state.startsWith("08") || state.startsWith("40") || state.equals("HYT00")))
                || TRANSIENT_VENDOR_CODES.contains(sql.getErrorCode());
    }
}
