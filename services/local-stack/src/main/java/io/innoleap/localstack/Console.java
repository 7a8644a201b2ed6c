package io.innoleap.localstack;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The launcher's console: one prefix per source, progress lines with the time since start. */
final class Console {

    private static final int WIDTH = 9;
    private static final Map<String, String> COLOURS = Map.of(
            "stack", "\u001b[1m", "kafka", "\u001b[35m", "mail", "\u001b[36m", "problem", "\u001b[32m",
            "solution", "\u001b[34m", "matcher", "\u001b[33m", "scheduler", "\u001b[95m", "demo", "\u001b[96m",
            "mariadb", "\u001b[31m");
    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final long startNanos;
    private final boolean colour;

    Console(PrintStream out, long startNanos) {
        this.out = out;
        this.startNanos = startNanos;
        String term = System.getenv("TERM");
        this.colour = System.console() != null && System.getenv("NO_COLOR") == null && term != null && !term.equals("dumb");
    }

    String prefix(String label) {
        String padded = String.format(Locale.ROOT, "[%-" + WIDTH + "s]", label);
        return colour && COLOURS.containsKey(label) ? COLOURS.get(label) + padded + RESET : padded;
    }

    /** A line from a child process. */
    synchronized void line(String label, String text) {
        out.println(prefix(label) + " " + text);
        out.flush();
    }

    /** A progress line of the launcher, with seconds since the command started. */
    synchronized void progress(String text) {
        out.println(prefix("stack") + " " + String.format(Locale.ROOT, "%6.1fs", elapsedSeconds()) + "  " + text);
        out.flush();
    }

    synchronized void plain(String text) {
        out.println(text);
        out.flush();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
