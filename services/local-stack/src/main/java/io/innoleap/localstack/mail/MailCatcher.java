package io.innoleap.localstack.mail;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local stack's mail catcher: an SMTP server (GreenMail) that keeps every message it receives
 * as an .eml file under a data folder, and an HTTP port with Mailpit's JSON API (v1 subset) and a
 * page for a person to read the mail. Runs as its own process ({@link #main}) or embedded:
 *
 * <pre>{@code
 * try (MailCatcher mail = new MailCatcher(dataDir, 0, 0).start()) {   // 0 = any free port
 *     int smtp = mail.smtpPort();
 *     URI web = mail.httpUri();
 * }
 * }</pre>
 *
 * No authentication is required; AUTH PLAIN and AUTH LOGIN are accepted with any credentials, so
 * services configured for a real SMTP server with a username work unchanged.
 */
public final class MailCatcher implements AutoCloseable {

    public static final int DEFAULT_SMTP_PORT = 1025;
    public static final int DEFAULT_HTTP_PORT = 8025;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final Path DEFAULT_DATA_DIR = Path.of(".local-stack", "mail");

    private final Path dataDir;
    private final String bindAddress;
    private final int requestedSmtpPort;
    private final int requestedHttpPort;

    private Mailbox mailbox;
    private GreenMail smtp;
    private HttpServer http;
    private ExecutorService httpThreads;

    public MailCatcher(Path dataDir) {
        this(dataDir, DEFAULT_SMTP_PORT, DEFAULT_HTTP_PORT);
    }

    /** Ports may be 0 for any free port; read the ones chosen with {@link #smtpPort()} and {@link #httpPort()}. */
    public MailCatcher(Path dataDir, int smtpPort, int httpPort) {
        this(dataDir, DEFAULT_BIND_ADDRESS, smtpPort, httpPort);
    }

    public MailCatcher(Path dataDir, String bindAddress, int smtpPort, int httpPort) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.bindAddress = bindAddress;
        this.requestedSmtpPort = checkPort(smtpPort, "SMTP");
        this.requestedHttpPort = checkPort(httpPort, "HTTP");
    }

    /**
     * Loads the kept messages and opens both ports; returns when both accept connections.
     *
     * @throws PortInUseException if either port is taken (nothing is left running)
     * @throws UncheckedIOException if the data folder cannot be created or read
     */
    public synchronized MailCatcher start() {
        if (isRunning()) {
            return this;
        }
        mailbox = new Mailbox(dataDir, Clock.systemUTC());
        try {
            startHttp();
            startSmtp();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return this;
    }

    private void startHttp() {
        AtomicInteger threadNumber = new AtomicInteger();
        httpThreads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mail-catcher-http-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), requestedHttpPort), 0);
        } catch (BindException e) {
            throw new PortInUseException("HTTP", bindAddress, requestedHttpPort, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the mail catcher's HTTP port " + requestedHttpPort, e);
        }
        http.createContext("/", new MailHttpHandler(mailbox));
        http.setExecutor(httpThreads);
        http.start();
    }

    private void startSmtp() {
        // GreenMail reports a taken port from its server thread with stack traces; ask first.
        if (requestedSmtpPort != 0 && !canBind(bindAddress, requestedSmtpPort)) {
            throw new PortInUseException("SMTP", bindAddress, requestedSmtpPort, null);
        }
        ServerSetup setup = new ServerSetup(requestedSmtpPort, bindAddress, ServerSetup.PROTOCOL_SMTP);
        GreenMail server = new CatchAllGreenMail(setup, mailbox)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            server.start();
        } catch (RuntimeException e) {
            safeStop(server);
            if (requestedSmtpPort != 0 && !canBind(bindAddress, requestedSmtpPort)) {
                throw new PortInUseException("SMTP", bindAddress, requestedSmtpPort, e);
            }
            throw e;
        }
        smtp = server;
    }

    /** Closes both ports. The messages stay in the data folder for the next start. */
    public synchronized void stop() {
        if (smtp != null) {
            safeStop(smtp);
            smtp = null;
        }
        if (http != null) {
            http.stop(0);
            http = null;
        }
        if (httpThreads != null) {
            httpThreads.shutdownNow();
            httpThreads = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return smtp != null && http != null;
    }

    /** The SMTP port actually listening (the chosen one when started with 0). */
    public synchronized int smtpPort() {
        requireRunning();
        return smtp.getSmtp().getPort();
    }

    /** The HTTP port actually listening (the chosen one when started with 0). */
    public synchronized int httpPort() {
        requireRunning();
        return http.getAddress().getPort();
    }

    /** The web page and API base, e.g. {@code http://127.0.0.1:8025/}. */
    public URI httpUri() {
        String host = bindAddress.equals("0.0.0.0") ? "127.0.0.1" : bindAddress;
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + httpPort() + "/");
    }

    public String bindAddress() {
        return bindAddress;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** How many messages are kept right now. */
    public synchronized int messageCount() {
        requireRunning();
        return mailbox.total();
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("The mail catcher is not running");
        }
    }

    /** A port the catcher was asked to use is taken by another process. */
    public static final class PortInUseException extends IllegalStateException {
        private final String protocol;
        private final int port;

        PortInUseException(String protocol, String bindAddress, int port, Throwable cause) {
            super(protocol + " port " + port + " on " + bindAddress + " is already in use. Stop the process using it"
                    + " (for example another mail catcher or Mailpit) or choose another port with --"
                    + protocol.toLowerCase(java.util.Locale.ROOT) + "-port.", cause);
            this.protocol = protocol;
            this.port = port;
        }

        public String protocol() {
            return protocol;
        }

        public int port() {
            return port;
        }
    }

    /**
     * GreenMail with one change: instead of filing mail into per-user in-memory mailboxes, every
     * message goes to the {@link Mailbox} once, however many recipients it has.
     */
    private static final class CatchAllGreenMail extends GreenMail {
        private final Mailbox mailbox;

        CatchAllGreenMail(ServerSetup setup, Mailbox mailbox) {
            super(setup);
            this.mailbox = mailbox;
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            // Called from start() before any port opens, each time with fresh managers.
            GreenMailUser sink = new UserImpl("catch-all@localhost", "catch-all", "", managers.getImapHostManager()) {
                @Override
                public void deliver(MovingMessage message) {
                    // kept by the mailbox already; GreenMail's in-memory copy is not needed
                }
            };
            // GreenMail hands over one message once per recipient, the same MimeMessage each time.
            Map<MimeMessage, Boolean> kept = Collections.synchronizedMap(new WeakHashMap<>());
            managers.getUserManager().setMessageDeliveryHandler((MovingMessage message, MailAddress recipient) -> {
                MimeMessage mime = message.getMessage();
                if (kept.put(mime, Boolean.TRUE) == null) {
                    keep(mime);
                }
                return sink;
            });
            return super.createServices(config, managers);
        }

        private void keep(MimeMessage mime) throws MessagingException {
            try {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                mime.writeTo(raw);
                mailbox.add(raw.toByteArray());
            } catch (IOException e) {
                // The sender gets an SMTP error rather than a silently lost message.
                throw new MessagingException("Could not store the message: " + e, e);
            }
        }
    }

    private static void safeStop(GreenMail server) {
        try {
            server.stop();
        } catch (RuntimeException ignored) {
            // stopping is best effort; the ports close with the threads
        }
    }

    private static boolean canBind(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int checkPort(int port, String protocol) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(protocol + " port must be between 0 and 65535, was " + port);
        }
        return port;
    }

    // ---------------------------------------------------------------------------------------------
    // Command line

    private static final String USAGE = """
            Usage: MailCatcher [--smtp-port N] [--http-port N] [--data-dir FOLDER] [--bind ADDRESS]
              --smtp-port N      SMTP port to receive mail on (default 1025; 0 = any free port)
              --http-port N      web page and Mailpit-compatible API (default 8025; 0 = any free port)
              --data-dir FOLDER  where messages are kept as .eml files (default .local-stack/mail)
              --bind ADDRESS     address to listen on (default 127.0.0.1; 0.0.0.0 for all)
            """;

    /**
     * Starts the catcher and keeps running until the process is stopped (Ctrl-C). Prints one
     * line starting with {@code Mail catcher ready} once both ports accept connections. Exit
     * codes: 2 if a port is taken or the data folder is unusable, 64 for bad arguments.
     */
    public static void main(String[] args) {
        long startNanos = System.nanoTime();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("mail catcher: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(64);
            return;
        }
        if (options.help) {
            System.out.print(USAGE);
            return;
        }
        MailCatcher catcher = new MailCatcher(options.dataDir, options.bind, options.smtpPort, options.httpPort);
        try {
            catcher.start();
        } catch (PortInUseException | UncheckedIOException e) {
            System.err.println("mail catcher: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(catcher::stop, "mail-catcher-shutdown"));
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        PrintStream out = System.out;
        out.printf("Mail catcher ready in %d ms: SMTP %s:%d, web page and API %s (%d messages kept in %s)%n",
                millis, catcher.bindAddress(), catcher.smtpPort(), catcher.httpUri(), catcher.messageCount(),
                catcher.dataDir());
        out.flush();
    }

    private record Options(int smtpPort, int httpPort, Path dataDir, String bind, boolean help) {
        static Options parse(String[] args) {
            int smtpPort = DEFAULT_SMTP_PORT;
            int httpPort = DEFAULT_HTTP_PORT;
            Path dataDir = DEFAULT_DATA_DIR;
            String bind = DEFAULT_BIND_ADDRESS;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    return new Options(smtpPort, httpPort, dataDir, bind, true);
                }
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                if (!name.equals("--smtp-port") && !name.equals("--http-port") && !name.equals("--data-dir")
                        && !name.equals("--bind")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--smtp-port" -> smtpPort = port(name, value);
                    case "--http-port" -> httpPort = port(name, value);
                    case "--data-dir" -> dataDir = Path.of(value);
                    default -> bind = value;
                }
            }
            return new Options(smtpPort, httpPort, dataDir, bind, false);
        }

        private static int port(String name, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a port number (0-65535), was '" + value + "'");
        }
    }
}
