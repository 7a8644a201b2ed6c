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
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

/**
 * The local stack's mail catcher: an SMTP server (GreenMail) that keeps every message it receives
 * as an .eml file under a data folder, and an HTTP port (Micronaut) with Mailpit's JSON API (v1
 * subset) and a page for a person to read the mail. Runs as its own process ({@link #main}) or
 * embedded:
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
    private ApplicationContext http;
    private EmbeddedServer httpServer;

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
        // Netty and GreenMail would report a taken port from their threads, with stack traces: ask first.
        requireFree("HTTP", requestedHttpPort, null);
        requireFree("SMTP", requestedSmtpPort, null);
        mailbox = new Mailbox(dataDir, Clock.systemUTC());
        try {
            startHttp();
            startSmtp();
        } catch (RuntimeException e) {
            stop();
            // taken in the meantime?
            requireFree("HTTP", requestedHttpPort, e);
            requireFree("SMTP", requestedSmtpPort, e);
            throw e;
        }
        return this;
    }

    private void startHttp() {
        http = ApplicationContext.builder()
                .deduceEnvironment(false) // no probing for a cloud at start-up
                .banner(false)
                .properties(Map.of(
                        "micronaut.server.host", bindAddress,
                        // Micronaut's "any free port" is -1
                        "micronaut.server.port", requestedHttpPort == 0 ? -1 : requestedHttpPort,
                        // Mailpit writes every field, also when it is empty.
                        "micronaut.serde.serialization.inclusion", "always"))
                .singletons(mailbox)
                .start();
        httpServer = http.getBean(EmbeddedServer.class).start();
    }

    private void startSmtp() {
        ServerSetup setup = new ServerSetup(requestedSmtpPort, bindAddress, ServerSetup.PROTOCOL_SMTP);
        GreenMail server = new CatchAllGreenMail(setup, mailbox)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            server.start();
        } catch (RuntimeException e) {
            safeStop(server);
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
            http.close(); // stops the server too
            http = null;
            httpServer = null;
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
        return httpServer.getPort();
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
                    + protocol.toLowerCase(Locale.ROOT) + "-port.", cause);
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

    private void requireFree(String protocol, int port, Throwable cause) {
        if (port != 0 && !canBind(bindAddress, port)) {
            throw new PortInUseException(protocol, bindAddress, port, cause);
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

    /**
     * Starts the catcher and keeps running until the process is stopped (Ctrl-C). Prints one
     * line starting with {@code Mail catcher ready} once both ports accept connections. Exit
     * codes: 2 if a port is taken or the data folder is unusable, 64 for bad arguments.
     */
    public static void main(String[] args) {
        int code = new CommandLine(new Options()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
        // else the catcher runs on in its server threads until the JVM is stopped
    }

    @Command(name = "MailCatcher", sortOptions = false, usageHelpWidth = 100, exitCodeOnInvalidInput = 64,
            description = "Catches mail over SMTP, keeps it as .eml files and shows it (web page and Mailpit's API v1).")
    private static final class Options implements Callable<Integer> {
        private final long startNanos = System.nanoTime();

        @Option(names = "--smtp-port", paramLabel = "N", defaultValue = "1025", converter = PortNumber.class,
                description = "SMTP port to receive mail on (default ${DEFAULT-VALUE}; 0 = any free port)")
        int smtpPort;

        @Option(names = "--http-port", paramLabel = "N", defaultValue = "8025", converter = PortNumber.class,
                description = "web page and Mailpit-compatible API (default ${DEFAULT-VALUE}; 0 = any free port)")
        int httpPort;

        @Option(names = "--data-dir", paramLabel = "FOLDER", defaultValue = ".local-stack/mail",
                description = "where messages are kept as .eml files (default ${DEFAULT-VALUE})")
        Path dataDir;

        @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = DEFAULT_BIND_ADDRESS,
                description = "address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all)")
        String bind;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
        boolean help;

        @Override
        public Integer call() {
            MailCatcher catcher = new MailCatcher(dataDir, bind, smtpPort, httpPort);
            try {
                catcher.start();
            } catch (PortInUseException | UncheckedIOException e) {
                System.err.println("mail catcher: " + e.getMessage());
                return 2;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(catcher::stop, "mail-catcher-shutdown"));
            System.out.printf("Mail catcher ready in %d ms: SMTP %s:%d, web page and API %s (%d messages kept in %s)%n",
                    (System.nanoTime() - startNanos) / 1_000_000, catcher.bindAddress(), catcher.smtpPort(),
                    catcher.httpUri(), catcher.messageCount(), catcher.dataDir());
            System.out.flush();
            return 0;
        }
    }

    static final class PortNumber implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a port number (0-65535)");
        }
    }
}
