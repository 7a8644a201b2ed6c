package io.innoleap.oidc;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs in the provider's child JVM (see {@link OidcProviderProcess}): turns the users file into
 * mock-oauth2-server's configuration (one issuer; a password-grant or login request for a username
 * gets that user's claims: {@code sub}, {@code name}, {@code email}, {@code roles}, {@code agency},
 * {@code uen} and the audience) and serves it until the process is stopped.
 *
 * <p>Arguments: {@code host port usersFile|- [signingKeyJwkFile]}; {@code -} means the demo users.
 * A signing key file that does not exist yet is created with a new RSA key (readable by its owner
 * only) and used from then on, so tokens stay valid across restarts of the provider.
 */
public final class ProviderMain {

    /**
     * System property: the parent's clock (epoch millis) when it launched this process, given when
     * the parent runs with a shifted clock that this process does not share; tokens are then
     * stamped with the parent's time (the offset measured at start), not this machine's.
     */
    static final String PARENT_CLOCK = "innoleap.oidc.parent-clock";

    private ProviderMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode users = demoUsers(mapper);
        if (!"-".equals(args[2])) {
            JsonNode given = mapper.readTree(Files.readString(Path.of(args[2])));
            users = given.path("includeDemoUsers").asBoolean(false) ? withDemoUsers((ObjectNode) users, given) : given;
        }
        String signingKey = args.length > 3 ? signingKey(Path.of(args[3])) : null;
        OAuth2Config config = OAuth2Config.Companion.fromJson(mapper.writeValueAsString(config(mapper, users, signingKey)));
        String parentClock = System.getProperty(PARENT_CLOCK);
        if (parentClock != null) {
            config = onParentClock(config, Long.parseLong(parentClock) - System.currentTimeMillis(), signingKey);
        }
        MockOAuth2Server server = new MockOAuth2Server(config);
        server.start(InetAddress.getByName(host), port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }));
        System.out.println(OidcProviderProcess.READY_LINE + " " + server.issuerUrl(users.get("issuerId").asString()));
        stopped.await();
    }

    /** The same provider with tokens stamped {@code offsetMillis} from this machine's clock. */
    private static OAuth2Config onParentClock(OAuth2Config config, long offsetMillis, String signingKey) throws Exception {
        RSAKey key = signingKey != null ? RSAKey.parse(signingKey)
                : new RSAKeyGenerator(2048).keyID(OidcProviderProcess.ISSUER_ID).generate();
        KeyProvider keys = new KeyProvider(new ArrayList<>(List.of(key)), "RS256");
        OAuth2TokenProvider tokens = new OAuth2TokenProvider(keys, () -> Instant.now().plusMillis(offsetMillis));
        System.out.println("tokens are stamped with the parent's clock: " + Duration.ofMillis(offsetMillis) + " from this one");
        return new OAuth2Config(config.getInteractiveLogin(), config.getLoginPagePath(), config.getStaticAssetsPath(),
                config.getRotateRefreshToken(), tokens, config.getTokenCallbacks(), config.getHttpServer());
    }

    /** The key in the file, or a new one written there first when the file does not exist. */
    static String signingKey(Path file) throws java.io.IOException, JOSEException {
        if (!Files.exists(file)) {
            // The key id is the issuer id, as the provider names its own keys.
            RSAKey key = new RSAKeyGenerator(2048).keyID(OidcProviderProcess.ISSUER_ID).generate();
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(tmp, key.toJSONString());
                // Whole or not at all: a crash never leaves half a key for the next start to choke on.
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return Files.readString(file).strip();
    }

    private static JsonNode demoUsers(ObjectMapper mapper) throws java.io.IOException {
        try (InputStream in = ProviderMain.class.getResourceAsStream(OidcProviderProcess.DEMO_USERS)) {
            return mapper.readTree(in);
        }
    }

    /** The demo users (and their issuer settings) followed by the given file's users. */
    private static JsonNode withDemoUsers(ObjectNode demo, JsonNode given) {
        ArrayNode all = (ArrayNode) demo.get("users");
        given.get("users").forEach(all::add);
        return demo;
    }

    static ObjectNode config(ObjectMapper mapper, JsonNode users, String signingKey) {
        ObjectNode config = mapper.createObjectNode();
        config.put("interactiveLogin", true);
        config.put("httpServer", "NettyWrapper");
        if (signingKey != null) {
            ObjectNode keyProvider = config.putObject("tokenProvider").putObject("keyProvider");
            keyProvider.put("initialKeys", signingKey);
            keyProvider.put("algorithm", "RS256");
        }
        ObjectNode issuer = config.putArray("tokenCallbacks").addObject();
        issuer.put("issuerId", users.get("issuerId").asString());
        issuer.put("tokenExpiry", users.get("tokenExpirySeconds").asLong());
        ArrayNode mappings = issuer.putArray("requestMappings");
        for (JsonNode user : users.get("users")) {
            ObjectNode mapping = mappings.addObject();
            mapping.put("requestParam", "username");
            mapping.put("match", user.get("username").asString());
            ObjectNode claims = mapping.putObject("claims");
            claims.put("sub", user.get("username").asString());
            claims.putArray("aud").add(user.has("audience") ? user.get("audience").asString() : users.get("audience").asString());
            for (String field : new String[] {"name", "email", "agency", "uen"}) {
                if (user.has(field)) {
                    claims.put(field, user.get(field).asString());
                }
            }
            claims.set("roles", user.get("roles"));
        }
        return config;
    }
}
