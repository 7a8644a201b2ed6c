package io.innoleap.localstack;

import io.innoleap.oidc.OidcProviderProcess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the demo users from the stack's identity provider, got as the API contract tells
 * scripts to: the OAuth 2.0 password grant (client {@code innoleap-cli}) at the {@code token_endpoint} of the
 * issuer's discovery document. A token is reused until a minute before it expires.
 *
 * <p>The provider (mock-oauth2-server) issues a token for any username, with none of the claims the
 * services need when the name is not a demo user; so an unknown name is refused here, by name.
 *
 * <p>Plain JDK on purpose ({@link HttpURLConnection}, {@link SmallJson}): {@code ./innoleap-local token}
 * runs once per curl, and the JDK's HttpClient and Jackson each add over half a second to a cold JVM here.
 */
public final class Tokens {

    /** One of the demo users of the API contract (embedded-oidc's {@code demo-users.json}). */
    public record DemoUser(String username, String name, String email, List<String> roles, String agency, String uen) {
    }

    /** Why no token could be had, in one line meant for a person. */
    public static final class TokenException extends RuntimeException {
        TokenException(String message) {
            super(message);
        }
    }

    private static final List<DemoUser> DEMO_USERS = readDemoUsers();
    private static final Duration EARLY = Duration.ofSeconds(60);

    private final String issuer;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile String tokenEndpoint;

    private record Cached(String token, long renewAtNanos) {
    }

    /** @param issuer e.g. {@code http://localhost:8090/innoleap} */
    public Tokens(String issuer) {
        this.issuer = issuer;
    }

    public String issuer() {
        return issuer;
    }

    public static List<DemoUser> demoUsers() {
        return DEMO_USERS;
    }

    public static Optional<DemoUser> demoUser(String username) {
        return DEMO_USERS.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    /** The demo user who is the agency's officer ({@code lta} for LTA), if the provider has one. */
    public static Optional<DemoUser> officerOf(String agencyCode) {
        return DEMO_USERS.stream().filter(u -> agencyCode != null && agencyCode.equals(u.agency())).findFirst();
    }

    /** The demo user who is the provider with this UEN ({@code aurora} for 201912345K), if any. */
    public static Optional<DemoUser> providerWithUen(String uen) {
        return DEMO_USERS.stream().filter(u -> uen != null && uen.equals(u.uen())).findFirst();
    }

    public static String demoUserNames() {
        return String.join(", ", DEMO_USERS.stream().map(DemoUser::username).toList());
    }

    /** An access token of the demo user; throws {@link TokenException} saying why not. */
    public String of(String username) {
        if (demoUser(username).isEmpty()) {
            throw new TokenException("unknown user '" + username + "'; the demo users are " + demoUserNames());
        }
        Cached c = cache.get(username);
        if (c != null && System.nanoTime() < c.renewAtNanos()) {
            return c.token();
        }
        String form = "grant_type=password&client_id=innoleap-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=innoleap&scope=openid";
        Answer r = send(tokenEndpoint(), form);
        Map<String, Object> body = r.status() == 200 ? parse(r.body()) : Map.of();
        String token = SmallJson.string(body.get("access_token"));
        if (token == null) {
            throw new TokenException("the identity provider at " + issuer + " answered " + r.status()
                    + " to the password grant for '" + username + "': " + oneLine(r.body()));
        }
        long expiresIn = body.get("expires_in") instanceof Double d ? d.longValue() : 300;
        long lifetime = Math.max(0, expiresIn - EARLY.toSeconds());
        cache.put(username, new Cached(token, System.nanoTime() + Duration.ofSeconds(lifetime).toNanos()));
        return token;
    }

    private String tokenEndpoint() {
        String known = tokenEndpoint;
        if (known != null) {
            return known;
        }
        Answer r = send(issuer + "/.well-known/openid-configuration", null);
        String endpoint = r.status() == 200 ? SmallJson.string(parse(r.body()).get("token_endpoint")) : null;
        if (endpoint == null) {
            throw new TokenException("no OpenID Connect discovery document at " + issuer
                    + "/.well-known/openid-configuration (answer " + r.status() + "); is the local stack running?");
        }
        tokenEndpoint = endpoint;
        return endpoint;
    }

    private record Answer(int status, String body) {
    }

    /** GET, or POST of a form when {@code form} is not null. */
    private Answer send(String url, String form) {
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(3000);
            c.setReadTimeout(10_000);
            c.setRequestProperty("Accept", "application/json");
            if (form != null) {
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(form.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (ConnectException | SocketTimeoutException e) {
            throw new TokenException("no identity provider answers at " + issuer
                    + "; start the local stack first (./innoleap-local)");
        } catch (IOException e) {
            throw new TokenException("the identity provider at " + issuer + " did not answer: " + e);
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    private static Map<String, Object> parse(String body) {
        try {
            return SmallJson.object(SmallJson.parse(body));
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static String oneLine(String s) {
        String line = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static List<DemoUser> readDemoUsers() {
        List<DemoUser> users = new ArrayList<>();
        for (Object item : SmallJson.array(SmallJson.object(SmallJson.parse(OidcProviderProcess.demoUsers())).get("users"))) {
            Map<String, Object> u = SmallJson.object(item);
            List<String> roles = SmallJson.array(u.get("roles")).stream().map(SmallJson::string).toList();
            users.add(new DemoUser(SmallJson.string(u.get("username")), SmallJson.string(u.get("name")),
                    SmallJson.string(u.get("email")), roles, SmallJson.string(u.get("agency")), SmallJson.string(u.get("uen"))));
        }
        return List.copyOf(users);
    }
}
