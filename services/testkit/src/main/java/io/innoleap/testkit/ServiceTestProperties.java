package io.innoleap.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * Properties for a {@code TestPropertyProvider}: a fresh database for the test class, the shared
 * broker, and (on request) the shared SMTP server. Usage:
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
        return p;
    }

    public ServiceTestProperties withSmtp() {
        TestSmtp smtp = TestSmtp.get();
        properties.put("javamail.properties.mail.smtp.host", smtp.host());
        properties.put("javamail.properties.mail.smtp.port", Integer.toString(smtp.port()));
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
