package io.innoleap.servicekit;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the settings every service shares ({@code innoleap-service-defaults.yml}: security, the
 * identity provider, JSON, Swagger, metrics, Flyway, Kafka, health) below each service's own
 * {@code application.yml}, for every context: the running service and its tests alike.
 *
 * <p>CORS is off unless {@code INNOLEAP_CORS_ALLOWED_ORIGINS} (or {@code innoleap.cors.allowed-origins})
 * lists origins; then exactly those may call, without credentials.
 */
@ContextConfigurer
public class ServiceDefaults implements ApplicationContextConfigurer {

    static final String RESOURCE = "innoleap-service-defaults.yml";
    /** Below application.yml (-300): the service's own settings win. */
    static final int ORDER = -400;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        Map<String, Object> defaults = new LinkedHashMap<>(load());
        List<String> origins = allowedOrigins();
        if (!origins.isEmpty()) {
            defaults.put("micronaut.server.cors.enabled", true);
            defaults.put("micronaut.server.cors.configurations.web.allowed-origins", origins);
            defaults.put("micronaut.server.cors.configurations.web.allow-credentials", false);
        }
        builder.propertySources(PropertySource.of("innoleap-service-defaults", defaults, ORDER));
    }

    private static Map<String, Object> load() {
        try (InputStream in = ServiceDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from servicekit");
            }
            return new YamlPropertySourceLoader().read(RESOURCE, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> allowedOrigins() {
        String value = System.getProperty("innoleap.cors.allowed-origins", System.getenv("INNOLEAP_CORS_ALLOWED_ORIGINS"));
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
