package io.innoleap.oidc;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider publishes discovery and keys, and a password grant for a demo user carries that user's claims. */
class OidcProviderProcessTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDemoUserGetsTheirClaimsFromThePasswordGrant() throws Exception {
        try (OidcProviderProcess provider = OidcProviderProcess.create(Path.of("target", "oidc-test"), 0, null, null)
                .start(Duration.ofMinutes(2))) {
            JsonNode discovery = get(provider.issuer() + "/.well-known/openid-configuration");
            assertEquals(provider.issuer(), discovery.get("issuer").asString());
            assertEquals(provider.jwksUrl(), discovery.get("jwks_uri").asString());
            assertEquals(provider.tokenEndpoint(), discovery.get("token_endpoint").asString());
            assertTrue(get(provider.jwksUrl()).get("keys").size() >= 1);

            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(provider.tokenEndpoint()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=password&client_id=innoleap-cli&username=aurora&password=innoleap&scope=openid"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());
            String jwt = json.readTree(token.body()).get("access_token").asString();
            JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
            assertEquals("aurora", claims.get("sub").asString());
            assertEquals(provider.issuer(), claims.get("iss").asString());
            assertEquals("innoleap-api", claims.get("aud").isArray() ? claims.get("aud").get(0).asString() : claims.get("aud").asString());
            assertEquals("PROVIDER", claims.get("roles").get(0).asString());
            assertEquals("201912345K", claims.get("uen").asString());
            assertTrue(claims.get("exp").asLong() > claims.get("iat").asLong());
        }
    }

    @Test
    void underAShiftedParentClockTokensCarryTheParentsTime() throws Exception {
        // A parent under libfaketime (a year ahead) launches the provider on the real clock and
        // hands it its own time: the tokens must be valid on the parent's clock, not the machine's.
        Instant parentNow = Instant.now().plus(Duration.ofDays(400));
        Path dir = Path.of("target", "oidc-shifted-test").toAbsolutePath();
        try (OidcProviderProcess provider = OidcProviderProcess.create(dir, 0, null, dir.resolve("signing-key.json"))
                .parentClockForTests(parentNow).start(Duration.ofMinutes(2))) {
            JsonNode claims = claims(accessToken(provider, "office"));
            long iat = claims.get("iat").asLong();
            assertTrue(Math.abs(iat - parentNow.getEpochSecond()) < 120, "iat " + Instant.ofEpochSecond(iat)
                    + " is the parent's time " + parentNow);
            assertTrue(claims.get("exp").asLong() > parentNow.getEpochSecond());
        }
    }

    @Test
    void theClockShiftIsRemovedFromTheChildsEnvironmentOnlyWhenThere() {
        Map<String, String> shifted = new HashMap<>(Map.of("LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
                "FAKETIME", "+400d", "FAKETIME_DONT_FAKE_MONOTONIC", "1", "PATH", "/usr/bin"));
        assertTrue(OidcProviderProcess.withoutClockShift(shifted));
        assertEquals(Map.of("PATH", "/usr/bin"), shifted);
        Map<String, String> plain = new HashMap<>(Map.of("LD_PRELOAD", "/usr/lib/libjemalloc.so", "PATH", "/usr/bin"));
        assertFalse(OidcProviderProcess.withoutClockShift(plain));
        assertEquals(2, plain.size());
    }

    private JsonNode claims(String jwt) {
        return json.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void aSigningKeyFileThatDoesNotExistIsCreatedOnceAndKeptAcrossRestarts() throws Exception {
        Path dir = Path.of("target", "oidc-key-test").toAbsolutePath();
        Path keyFile = dir.resolve("keys").resolve("signing-key.json");
        Files.deleteIfExists(keyFile);
        String firstKey;
        String token;
        OidcProviderProcess provider = OidcProviderProcess.create(dir, 0, null, keyFile);
        try (provider) {
            provider.start(Duration.ofMinutes(2));
            assertTrue(Files.isRegularFile(keyFile), "the key file is written at the first start");
            firstKey = Files.readString(keyFile);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            assertEquals(json.readTree(firstKey).get("n").asString(), get(provider.jwksUrl()).get("keys").get(0).get("n").asString());
            token = accessToken(provider, "lta");
        }
        try (OidcProviderProcess again = OidcProviderProcess.create(dir, provider.port(), null, keyFile)) {
            again.start(Duration.ofMinutes(2));
            assertEquals(firstKey, Files.readString(keyFile), "the key is not replaced");
            JsonNode published = get(again.jwksUrl()).get("keys").get(0);
            assertEquals(json.readTree(firstKey).get("n").asString(), published.get("n").asString());
            // A token from before the restart carries the kid the restarted provider still publishes.
            JsonNode header = json.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
            assertEquals(published.get("kid").asString(), header.get("kid").asString());
        }
    }

    private String accessToken(OidcProviderProcess provider, String user) throws Exception {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(provider.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=innoleap-cli&username=" + user + "&password=innoleap&scope=openid"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        return json.readTree(token.body()).get("access_token").asString();
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return json.readTree(r.body());
    }
}
