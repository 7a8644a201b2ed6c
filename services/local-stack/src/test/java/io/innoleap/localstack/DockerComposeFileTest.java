package io.innoleap.localstack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker-compose.yml checked as far as a machine without Docker allows: the parts and their images,
 * the same ports as the local stack, health checks and start order, the Dockerfiles it builds (the
 * right module, the right jar, a non-root runtime), the database users it passes matching the MySQL
 * init script, and every setting each service reads without a default being set.
 */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();
    private static final Map<String, String> SCHEMAS = Map.of(
            "problem-service", "problems", "solution-service", "solutions",
            "matcher-service", "matcher", "scheduler-service", "scheduler");

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKeys("kafka-data", "mysql-data", "mailpit-data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(String name) {
        Map<String, Object> raw = (Map<String, Object>) service(name).get("environment");
        Map<String, String> env = new java.util.HashMap<>();
        raw.forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(String name) {
        return (List<String>) service(name).get("ports");
    }

    @Test
    void hasTheInfrastructureAndTheFourServices() {
        assertThat(services).containsOnlyKeys("kafka", "mysql", "mailpit",
                "problem-service", "solution-service", "matcher-service", "scheduler-service");
        assertThat(service("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(service("mysql").get("image")).isEqualTo("mysql:8.4");
        assertThat(service("mailpit").get("image").toString()).startsWith("axllent/mailpit:");
    }

    @Test
    void usesTheLocalStacksPorts() {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            assertThat(ports(spec.name())).containsExactly(spec.defaultPort() + ":" + spec.defaultPort());
            assertThat(env(spec.name())).containsEntry("PORT", String.valueOf(spec.defaultPort()));
        }
        StackOptions defaults = StackOptions.parse(new String[0]);
        assertThat(ports("mailpit")).containsExactlyInAnyOrder(defaults.port("mail") + ":8025", defaults.port("smtp") + ":1025");
        assertThat(ports("kafka")).hasSize(1).allMatch(p -> p.startsWith(defaults.port("kafka") + ":"));
        // The host port goes to a listener that advertises localhost:9092, the containers use kafka:9092.
        String hostListenerPort = ports("kafka").get(0).split(":")[1];
        assertThat(env("kafka").get("KAFKA_LISTENERS")).contains("PLAINTEXT://:9092").contains("://:" + hostListenerPort);
        assertThat(env("kafka").get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092", "localhost:9092");
    }

    @Test
    void kafkaIsASingleKraftNodeWithAVolume() {
        Map<String, String> env = env("kafka");
        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093");
        assertThat(java.util.Base64.getUrlDecoder().decode(env.get("CLUSTER_ID"))).as("CLUSTER_ID is a base64 UUID").hasSize(16);
        assertThat(String.valueOf(service("kafka").get("volumes"))).contains("kafka-data:" + env.get("KAFKA_LOG_DIRS"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPartHasAHealthCheck() {
        for (String name : services.keySet()) {
            Map<String, Object> hc = (Map<String, Object>) service(name).get("healthcheck");
            assertThat(hc).as(name + " healthcheck").isNotNull().containsKeys("test", "interval", "retries");
        }
        assertThat(String.valueOf(healthTest("kafka"))).contains("kafka-broker-api-versions.sh", "localhost:9092");
        assertThat(String.valueOf(healthTest("mysql"))).contains("mysqladmin ping", "127.0.0.1");
        assertThat(String.valueOf(healthTest("mailpit"))).contains("readyz");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            assertThat(healthTest(spec.name())).containsExactly("CMD", "curl", "-fsS",
                    "http://localhost:" + spec.defaultPort() + "/health");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthTest(String name) {
        return (List<String>) ((Map<String, Object>) service(name).get("healthcheck")).get("test");
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesStartOnlyWhenWhatTheyNeedIsHealthy() {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Map<String, Object> dependsOn = (Map<String, Object>) service(spec.name()).get("depends_on");
            Set<String> needs = new LinkedHashSet<>(List.of("kafka", "mysql"));
            if (spec.label().equals("scheduler")) {
                needs.add("mailpit");
            }
            assertThat(dependsOn).as(spec.name()).containsOnlyKeys(needs);
            dependsOn.values().forEach(v -> assertThat((Map<String, Object>) v).containsEntry("condition", "service_healthy"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachServiceIsBuiltFromItsOwnMultiStageDockerfile() throws IOException {
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Map<String, Object> build = (Map<String, Object>) service(spec.name()).get("build");
            assertThat(build).containsEntry("context", ".");
            Path dockerfile = ROOT.resolve(build.get("dockerfile").toString());
            assertThat(dockerfile).as(spec.name()).exists()
                    .isEqualTo(ROOT.resolve("services").resolve(spec.name()).resolve("Dockerfile"));
            String text = Files.readString(dockerfile);
            String module = "services/" + spec.name();
            assertThat(text).contains("FROM maven:3.9-eclipse-temurin-17 AS build")
                    .contains("-pl " + module + " -am package -DskipTests")
                    .contains(module + "/target/" + spec.name() + "-" + ServiceSpec.VERSION + ".jar")
                    .contains("FROM eclipse-temurin:17-jre")
                    .contains("install -y --no-install-recommends curl")
                    .contains("EXPOSE " + spec.defaultPort());
            Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(text);
            assertThat(user.find()).as("a USER line").isTrue();
            assertThat(user.group(1)).isNotIn("root", "0");
            assertThat(text.indexOf("USER ")).as("runs as that user").isLessThan(text.indexOf("ENTRYPOINT"));
            // -pl only finds modules of the reactor.
            assertThat(rootPom).as("root pom lists " + module).contains("<module>" + module + "</module>");
            // The shaded jar's main class is the one the local stack runs.
            assertThat(Files.readString(ROOT.resolve(module).resolve("pom.xml"))).contains(spec.mainClass());
        }
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("**/target", ".local-stack", ".git");
    }

    @Test
    void eachServiceGetsItsOwnSchemaAndUserFromTheInitScript() throws IOException {
        String init = Files.readString(ROOT.resolve("services/local-stack/docker/mysql/01-schemas-and-users.sql"));
        assertThat(String.valueOf(service("mysql").get("volumes")))
                .contains("./services/local-stack/docker/mysql/01-schemas-and-users.sql:/docker-entrypoint-initdb.d/");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Map<String, String> env = env(spec.name());
            String schema = SCHEMAS.get(spec.name());
            assertThat(env.get("DATASOURCES_DEFAULT_URL")).startsWith("jdbc:mysql://mysql:3306/" + schema);
            assertThat(env).containsEntry("DATASOURCES_DEFAULT_DRIVER_CLASS_NAME", "com.mysql.cj.jdbc.Driver")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
            String user = env.get("DATASOURCES_DEFAULT_USERNAME");
            assertThat(init).contains("CREATE DATABASE IF NOT EXISTS " + schema + " ")
                    .contains("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + env.get("DATASOURCES_DEFAULT_PASSWORD") + "'")
                    .contains("GRANT ALL PRIVILEGES ON " + schema + ".* TO '" + user + "'@'%'");
            assertThat(init.lines().filter(l -> l.startsWith("GRANT") && l.contains("'" + user + "'")))
                    .as(user + " reaches only its schema").hasSize(1);
        }
        Set<String> users = new LinkedHashSet<>();
        ServiceSpec.ALL.forEach(s -> users.add(env(s.name()).get("DATASOURCES_DEFAULT_USERNAME")));
        assertThat(users).hasSize(4);
    }

    @Test
    void schedulerMailsThroughMailpitWithLinksForTheHost() {
        Map<String, String> env = env("scheduler-service");
        assertThat(env).containsEntry("SMTP_HOST", "mailpit").containsEntry("SMTP_PORT", "1025")
                .containsEntry("INNOLEAP_SCHEDULER_PUBLIC_BASE_URL", "http://localhost:8084");
    }

    /** ${NAME} without a default in a service's application.yml must be set by compose. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(:[^}]*)?}");

    @Test
    void everySettingAServiceReadsWithoutADefaultIsSet() throws IOException {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Path yml = ROOT.resolve("services").resolve(spec.name()).resolve("src/main/resources/application.yml");
            if (!Files.exists(yml)) {
                continue; // nothing to check yet
            }
            Map<String, String> env = env(spec.name());
            Matcher m = PLACEHOLDER.matcher(Files.readString(yml, StandardCharsets.UTF_8));
            List<String> missing = new ArrayList<>();
            while (m.find()) {
                String name = m.group(1);
                boolean isEnvName = name.equals(name.toUpperCase(java.util.Locale.ROOT));
                if (m.group(2) == null && isEnvName && !env.containsKey(name)) {
                    missing.add(name);
                }
            }
            assertThat(missing).as(spec.name() + ": placeholders without default not set in docker-compose.yml").isEmpty();
            assertThat(env).containsKeys("PORT", "KAFKA_BOOTSTRAP_SERVERS", "DATASOURCES_DEFAULT_URL",
                    "DATASOURCES_DEFAULT_USERNAME", "DATASOURCES_DEFAULT_PASSWORD", "DATASOURCES_DEFAULT_DRIVER_CLASS_NAME", "JAVA_OPTS");
        }
    }

    /** Where the compose plugin exists, let it validate the file too (it needs no running engine). */
    @Test
    void dockerComposeConfigAcceptsTheFile() throws Exception {
        Process version;
        try {
            version = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
        } catch (IOException e) {
            version = null;
        }
        boolean available = version != null && version.waitFor(20, TimeUnit.SECONDS) && version.exitValue() == 0;
        assumeTrue(available, "the docker compose plugin is not installed here");
        Process config = new ProcessBuilder("docker", "compose", "-f", ROOT.resolve("docker-compose.yml").toString(),
                "config", "--quiet").directory(ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as(new String(config.getInputStream().readAllBytes())).isZero();
    }
}
