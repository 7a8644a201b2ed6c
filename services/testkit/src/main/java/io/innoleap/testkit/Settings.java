package io.innoleap.testkit;

/** Explicit settings win: an environment variable, or the equivalent system property. */
final class Settings {
    private Settings() {
    }

    static String get(String env, String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }
}
