package io.innoleap.scheduler.programme.store;

import java.sql.SQLException;
import java.util.Locale;

/** Recognises unique-key violations across MySQL, MariaDB (SQLState 23000, error 1062) and H2 (23505). */
public final class DatabaseErrors {
    private DatabaseErrors() {
    }

    /** Whether {@code e} (or a cause) is a duplicate key on the named constraint (null = any unique key). */
    public static boolean isDuplicateKey(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isDuplicate(sql)) {
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                return constraint == null || message.contains(constraint.toLowerCase(Locale.ROOT));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isDuplicate(SQLException e) {
        return e.getErrorCode() == 1062 || "23505".equals(e.getSQLState())
                || ("23000".equals(e.getSQLState()) && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("duplicate"));
    }
}
