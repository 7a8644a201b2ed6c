package io.innoleap.localstack;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the launcher and of {@code ./innoleap-local demo} (picocli). Unknown options
 * are an error (exit 64), never ignored.
 */
@Command(name = "./innoleap-local", sortOptions = false, usageHelpWidth = 100,
        description = {"Starts MariaDB (a database per service), Kafka, the OpenID Connect provider, the mail catcher and the"
                + " four services; a part that dies is restarted (after 1, 2, 4 ... at most 30 s). Ctrl-C stops them all;"
                + " the data is kept in DIR (MariaDB's in DIR/mariadb)."},
        footer = {"Defaults: problem 8081, solution 8082, matcher 8083, scheduler 8084, kafka 9092,",
                "oidc 8090, smtp 1025, mail 8025, mariadb 3307.",
                "./innoleap-local demo [--port NAME=N]... loads the demo data into a stack that is running.",
                "./innoleap-local token USER [--port oidc=N] prints an access token of a demo user."})
public final class StackOptions {

    @Option(names = "--demo", description = "load the demo data set once everything is healthy")
    boolean demo;

    @Option(names = "--no-build", description = "do not run ./mvnw even if sources are newer than the jars")
    boolean noBuild; // the script acts on it; accepted here so that it can be passed through

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where data and logs live (default .local-stack)")
    Path dataDir;

    @Option(names = "--port", paramLabel = "NAME=N", description = "override a port; NAME is problem, solution, matcher,"
            + " scheduler, kafka, oidc (the identity provider), smtp, mail (the mail web page and API) or mariadb"
            + " (the database); repeatable")
    List<String> portAssignments = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Seconds.class,
            description = "how long to wait for every service to be healthy (default 300)")
    Duration timeout = Duration.ofSeconds(300);

    @Option(names = "--replicas", paramLabel = "N", description = "instances of each service (default 1); replica n"
            + " answers on the service's port + 100 * (n - 1), with the same database and Kafka")
    int replicas = 1;

    @Option(names = "--quiet", description = "do not stream the services' output (it still goes to DIR/logs)")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    /** The repository; the script passes it. */
    @Option(names = "--root", hidden = true)
    Path root = Path.of("").toAbsolutePath();

    @Spec
    CommandSpec spec;

    final Map<String, Integer> ports = new LinkedHashMap<>();

    StackOptions() {
        for (ServiceSpec s : ServiceSpec.ALL) {
            ports.put(s.label(), s.defaultPort());
        }
        ports.put("kafka", 9092);
        ports.put("oidc", 8090);
        ports.put("smtp", 1025);
        ports.put("mail", 8025);
        // Not 3306: a MySQL or MariaDB of the machine (the tests' database) often listens there.
        ports.put("mariadb", 3307);
    }

    /** @throws ParameterException for an unknown option or a bad value */
    static StackOptions parse(String[] args) {
        StackOptions o = new StackOptions();
        new CommandLine(o).parseArgs(args);
        o.portAssignments.forEach(o::assignPort);
        if (o.replicas < 1 || o.replicas > 3) {
            throw new ParameterException(o.spec.commandLine(), "--replicas must be 1, 2 or 3, was " + o.replicas);
        }
        o.root = o.root.toAbsolutePath().normalize();
        o.dataDir = o.dataDir == null ? o.root.resolve(".local-stack") : o.root.resolve(o.dataDir).normalize();
        return o;
    }

    /**
     * The options, or the reason they are wrong and the usage on stderr and exit 64; with
     * {@code --help}, the usage on stdout and exit 0.
     */
    static StackOptions parseOrExit(String[] args, String program) {
        try {
            StackOptions o = parse(args);
            if (o.help) {
                usage(o.spec.commandLine(), System.out);
                System.exit(0);
            }
            return o;
        } catch (ParameterException e) {
            String message = e instanceof UnmatchedArgumentException unmatched
                    ? "unknown option " + unmatched.getUnmatched().get(0) : e.getMessage();
            System.err.println(program + ": " + message);
            usage(e.getCommandLine(), System.err);
            System.exit(64);
            return null;
        }
    }

    private void assignPort(String assignment) {
        int at = assignment.indexOf('=');
        String name = at > 0 ? assignment.substring(0, at) : "";
        if (!ports.containsKey(name)) {
            throw new ParameterException(spec.commandLine(), "--port needs NAME=N with NAME one of " + ports.keySet()
                    + ", was '" + assignment + "'");
        }
        String value = assignment.substring(at + 1);
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                ports.put(name, port);
                return;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "a port must be a number from 1 to 65535, was '" + value + "'");
    }

    private static void usage(CommandLine commandLine, PrintStream out) {
        // Shown as the README writes them ("--port NAME=N"); "--port=NAME=N" parses as well.
        commandLine.setSeparator(" ");
        commandLine.usage(out);
    }

    int port(String name) {
        return ports.get(name);
    }

    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of seconds");
            }
        }
    }
}
