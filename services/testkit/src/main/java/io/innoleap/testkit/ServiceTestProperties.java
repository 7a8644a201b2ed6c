package io.innoleap.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * Properties for a {@code TestPropertyProvider}: a fresh database for the test class, the shared
 * broker and identity provider, and (on request) the shared SMTP server. Usage:
 * <pre>{@code
 * @MicronautTest
 * class ProblemApiTest implements TestPropertyProvider {
 *     public Map<String, String> getProperties() { return ServiceTestProperties.forService("problem").build(); }
 * }
 * }</pre>
 */
public final class ServiceTestProperties {

    private final Map<String, String> properties = new HashMap<>();

    private ServiceTestProperties() {
    }

    public static ServiceTestProperties forService(String name) {
        ServiceTestProperties p = new ServiceTestProperties();
        TestDatabase.Jdbc db = TestDatabase.get().createDatabase(name);
        p.properties.put("datasources.default.url", db.url());
        p.properties.put("datasources.default.username", db.username());
        p.properties.put("datasources.default.password", db.password());
        p.properties.put("datasources.default.driver-class-name", db.driverClassName());
        p.properties.put("datasources.default.maximum-pool-size", "20");
        p.properties.put("kafka.bootstrap.servers", TestKafka.get().bootstrapServers());
        // Each test class consumes from the beginning with its own group: no state leaks between classes.
        p.properties.put("innoleap.kafka.group-suffix", "-" + db.url().replaceAll(".*/([^/?]+).*", "$1"));
        p.properties.put("micronaut.server.port", "-1");
        // The tests' HTTP clients wait for a slow answer instead of failing after the default 10 s:
        // on a loaded machine, or with the clock shifted by libfaketime (every JVM runs several
        // times slower then), a first request can take longer without anything being wrong.
        p.properties.put("micronaut.http.client.read-timeout", "60s");
        TestOidc oidc = TestOidc.get();
        p.properties.put("innoleap.oidc.issuer", oidc.issuer());
        p.properties.put("innoleap.oidc.jwks-url", oidc.jwksUrl());
        // The service's clock starts at a fixed instant, never today's date (see TestClock).
        p.properties.put(TestClock.START_PROPERTY, TestClock.DEFAULT_START.toString());
        return p;
    }

    public ServiceTestProperties withSmtp() {
        TestSmtp smtp = TestSmtp.get();
        properties.put("javamail.properties.mail.smtp.host", smtp.host());
        properties.put("javamail.properties.mail.smtp.port", Integer.toString(smtp.port()));
        return this;
    }

    /** Requests without an Authorization header are sent with this test user's token (see {@link ActingAs}). */
    public ServiceTestProperties actingAs(String username) {
        properties.put("innoleap.test.acting-as", username);
        return this;
    }

    public ServiceTestProperties with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    public Map<String, String> build() {
        return Map.copyOf(properties);
    }
}
