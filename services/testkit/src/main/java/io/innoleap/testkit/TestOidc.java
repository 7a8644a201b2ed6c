package io.innoleap.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.innoleap.oidc.OidcProviderProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tests' identity provider: a real OpenID Connect server (embedded-oidc, mock-oauth2-server in
 * a child JVM) started once per test JVM, with the demo users of the contract plus a few test
 * users ({@value #USERS}). Tests get access tokens the way clients do, with the password grant
 * ({@link #token(String)}); for the refusal tests they can also sign tokens of their own with the
 * provider's key ({@link #signed}) or with a stranger's ({@link #signedByStranger}), or send an
 * unsigned one ({@link #unsigned}).
 */
public final class TestOidc {

    /** The demo users of the contract plus test users, in embedded-oidc's users format. */
    public static final String USERS = "/io/innoleap/testkit/test-users.json";
    public static final String AUDIENCE = "innoleap-api";

    private static final Logger LOG = LoggerFactory.getLogger(TestOidc.class);
    private static TestOidc instance;

    private final OidcProviderProcess provider;
    private final RSAKey key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private TestOidc(OidcProviderProcess provider, RSAKey key) {
        this.provider = provider;
        this.key = key;
    }

    public static synchronized TestOidc get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** The {@code iss} of the provider's tokens. */
    public String issuer() {
        return provider.issuer();
    }

    public String jwksUrl() {
        return provider.jwksUrl();
    }

    /** An access token for a user of {@value #USERS}, from the provider's password grant (cached for the run). */
    public String token(String username) {
        return tokens.computeIfAbsent(username, this::passwordGrant);
    }

    /** {@code Bearer <token>} for a user. */
    public String bearer(String username) {
        return "Bearer " + token(username);
    }

    /**
     * A token signed with the provider's own key (so its signature checks out) carrying exactly
     * these claims; {@code iss}, {@code aud}, {@code iat} and {@code exp} default to valid values
     * unless the map sets them ({@code null} leaves a claim out).
     */
    public String signed(Map<String, Object> claims) {
        return sign(claims(claims), key);
    }

    /** Claims as {@link #signed} would, but signed with a key the provider never published. */
    public String signedByStranger(Map<String, Object> claims) {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            return sign(claims(claims), stranger);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims as {@link #signed} would, in a token with {@code alg: none} and no signature. */
    public String unsigned(Map<String, Object> claims) {
        return new PlainJWT(claims(claims)).serialize();
    }

    /** A correctly signed token whose payload was then changed (its signature no longer fits). */
    public String tampered(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        String payload = Base64URL.encode(claims(claims).toString()).toString();
        return parts[0] + "." + payload + "." + parts[2];
    }

    private JWTClaimsSet claims(Map<String, Object> overrides) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString());
        overrides.forEach(b::claim);
        return b.build();
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String passwordGrant(String username) {
        String form = "grant_type=password&client_id=innoleap-cli&password=innoleap&scope=openid&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(provider.tokenEndpoint()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Object token = r.statusCode() == 200 ? JSONObjectUtils.parse(r.body()).get("access_token") : null;
            if (!(token instanceof String t)) {
                throw new IllegalStateException("The test OIDC provider refused a token for " + username + ": "
                        + r.statusCode() + " " + r.body());
            }
            return t;
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("The test OIDC provider answered with something that is not JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TestOidc start() {
        try {
            Path dir = Files.createTempDirectory("innoleap-test-oidc-");
            // The key id is the issuer id: the provider signs its tokens with this key, so tokens the
            // tests sign themselves check out against the provider's published keys.
            RSAKey key = new RSAKeyGenerator(2048).keyID(OidcProviderProcess.ISSUER_ID).generate();
            Path keyFile = Files.writeString(dir.resolve("signing-key.json"), key.toJSONString());
            Path users = dir.resolve("users.json");
            try (var in = TestOidc.class.getResourceAsStream(USERS)) {
                Files.write(users, in.readAllBytes());
            }
            OidcProviderProcess provider = OidcProviderProcess.create(dir, 0, users, keyFile);
            long t0 = System.nanoTime();
            provider.start(Duration.ofMinutes(3));
            LOG.info("Tests use the OIDC provider at {} (ready in {} ms)", provider.issuer(), (System.nanoTime() - t0) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                provider.close();
                Files2.deleteRecursively(dir);
            }, "oidc-provider-stop"));
            return new TestOidc(provider, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
