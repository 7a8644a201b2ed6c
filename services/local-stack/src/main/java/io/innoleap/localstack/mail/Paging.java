package io.innoleap.localstack.mail;

/**
 * {@code ?start=&limit=} read as Mailpit reads them: a value it cannot use (missing, not a number,
 * a negative start, a limit below 1) means the default, never an error.
 */
record Paging(int start, int limit) {

    static Paging of(String start, String limit, int defaultLimit) {
        int s = number(start, 0);
        int l = number(limit, defaultLimit);
        return new Paging(s >= 0 ? s : 0, l > 0 ? l : defaultLimit);
    }

    private static int number(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
