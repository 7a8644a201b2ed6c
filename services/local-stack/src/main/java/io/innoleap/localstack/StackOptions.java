package io.innoleap.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options of the launcher. Unknown options are an error (exit 64), never ignored. */
public final class StackOptions {

    static final String USAGE = """
            Usage: ./innoleap-local [options]
              Starts Kafka, the mail catcher and the four services; Ctrl-C stops them (data is kept).
              --demo               load the demo data set once everything is healthy
              --no-build           do not run ./mvnw even if sources are newer than the jars
              --data-dir DIR       where data and logs live (default .local-stack)
              --port NAME=N        override a port; NAME is problem, solution, matcher, scheduler,
                                   kafka, smtp or mail (the mail web page and API); repeatable
              --timeout SECONDS    how long to wait for every service to be healthy (default 300)
              --quiet              do not stream the services' output (it still goes to DIR/logs)
              -h, --help           this text
            Defaults: problem 8081, solution 8082, matcher 8083, scheduler 8084, kafka 9092,
            smtp 1025, mail 8025.
            """;

    Path root = Path.of("").toAbsolutePath();
    Path dataDir;
    boolean demo;
    boolean quiet;
    boolean help;
    Duration timeout = Duration.ofSeconds(300);
    final Map<String, Integer> ports = new LinkedHashMap<>();

    StackOptions() {
        for (ServiceSpec s : ServiceSpec.ALL) {
            ports.put(s.label(), s.defaultPort());
        }
        ports.put("kafka", 9092);
        ports.put("smtp", 1025);
        ports.put("mail", 8025);
    }

    static StackOptions parse(String[] args) {
        StackOptions o = new StackOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0 && !arg.startsWith("--port=") ) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (arg.startsWith("--port=")) {
                name = "--port";
                value = arg.substring("--port=".length());
            }
            switch (name) {
                case "-h", "--help" -> o.help = true;
                case "--demo" -> o.demo = true;
                case "--quiet" -> o.quiet = true;
                case "--no-build" -> { /* handled by the script; accepted here so it can be passed through */ }
                case "--root" -> o.root = Path.of(value != null ? value : next(args, ++i, name)).toAbsolutePath().normalize();
                case "--data-dir" -> o.dataDir = Path.of(value != null ? value : next(args, ++i, name));
                case "--timeout" -> {
                    String v = value != null ? value : next(args, ++i, name);
                    try {
                        o.timeout = Duration.ofSeconds(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--timeout needs a number of seconds, was '" + v + "'");
                    }
                }
                case "--port" -> {
                    String v = value != null ? value : next(args, ++i, name);
                    int at = v.indexOf('=');
                    String key = at > 0 ? v.substring(0, at) : "";
                    if (!o.ports.containsKey(key)) {
                        throw new IllegalArgumentException("--port needs NAME=N with NAME one of " + o.ports.keySet()
                                + ", was '" + v + "'");
                    }
                    o.ports.put(key, parsePort(v.substring(at + 1)));
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (o.dataDir == null) {
            o.dataDir = o.root.resolve(".local-stack");
        } else if (!o.dataDir.isAbsolute()) {
            o.dataDir = o.root.resolve(o.dataDir).normalize();
        }
        return o;
    }

    int port(String name) {
        return ports.get(name);
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String v) {
        try {
            int p = Integer.parseInt(v);
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("a port must be a number from 1 to 65535, was '" + v + "'");
    }
}
