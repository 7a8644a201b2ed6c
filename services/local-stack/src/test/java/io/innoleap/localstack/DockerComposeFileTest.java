package io.innoleap.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker-compose.yml, the one Dockerfile, the MySQL init script, Keycloak's image and realm file and
 * .env.example, checked as far as a machine without Docker allows: by parsing them (YAML, JSON, the
 * Dockerfile's instructions, the init script's table), and by running the init script under bash with
 * the mysql client replaced by a stub.
 */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();
    private static final Map<String, String> SCHEMAS = Map.of(
            "problem-service", "problems", "solution-service", "solutions",
            "matcher-service", "matcher", "scheduler-service", "scheduler");
    private static final String INIT_SCRIPT = "services/local-stack/docker/mysql/01-schemas-and-users.sh";
    private static final String REALM_FILE = "deploy/keycloak/innoleap-realm.json";
    private static final String REALM = "innoleap";
    private static final int KEYCLOAK_HOST_PORT = 8090;
    private static final String LOOPBACK = "127.0.0.1";
    private static final List<String> PROGRAMME_ROLES = List.of("AGENCY", "PROVIDER", "COORDINATOR", "PROGRAMME_OFFICE");
    /** Compose variables that may be empty: everything else must stop compose when missing ({@code :?}). */
    private static final Set<String> OPTIONAL_VARIABLES = Set.of("INNOLEAP_CORS_ALLOWED_ORIGINS");
    /** Environment keys whose values are secrets: they must come from .env. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY).*");
    /** ${NAME}, ${NAME:-x}, ${NAME:?x} ... but not $${NAME} (a literal dollar for the container). */
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}");
    private static final Pattern UNBRACED_VARIABLE = Pattern.compile("(?<!\\$)\\$(?![${])[A-Za-z_]");
    private static final Pattern REQUIRED_REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");

    /** The demo users of the API contract: role, and the claim that goes with it. */
    private record DemoUser(String username, String role, String claim, String value) { }

    private static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("office", "PROGRAMME_OFFICE", null, null),
            new DemoUser("coordinator", "COORDINATOR", "email", "coordinator@innoleap.example"),
            new DemoUser("lta", "AGENCY", "agency", "LTA"),
            new DemoUser("nea", "AGENCY", "agency", "NEA"),
            new DemoUser("ura", "AGENCY", "agency", "URA"),
            new DemoUser("aurora", "PROVIDER", "uen", "201912345K"),
            new DemoUser("sensetech", "PROVIDER", "uen", "202012345M"));

    private static Map<String, Object> compose;
    private static Map<String, Object> services;
    private static Map<String, String> envExample;
    private static JsonNode realm;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        compose = new Yaml().load(read("docker-compose.yml"));
        services = (Map<String, Object>) compose.get("services");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKeys("kafka-data", "mysql-data", "mailpit-data");
        envExample = new LinkedHashMap<>();
        for (String line : read(".env.example").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            assertThat(eq).as(".env.example line '%s' is NAME=value", trimmed).isPositive();
            envExample.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        realm = new ObjectMapper().readTree(read(REALM_FILE));
    }

    private static String read(String relative) throws IOException {
        return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(String name) {
        Map<String, Object> raw = (Map<String, Object>) service(name).get("environment");
        Map<String, String> env = new HashMap<>();
        raw.forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> buildArgs(String name) {
        Map<String, Object> build = (Map<String, Object>) service(name).get("build");
        Map<String, String> args = new HashMap<>();
        Object raw = build == null ? null : build.get("args");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> args.put(String.valueOf(k), String.valueOf(v)));
        }
        return args;
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthTest(String name) {
        return (List<String>) ((Map<String, Object>) service(name).get("healthcheck")).get("test");
    }

    /** The variable a value such as {@code ${NAME:?message}} requires, or fails. */
    private static String requiredVariable(String value) {
        Matcher m = REQUIRED_REFERENCE.matcher(value);
        assertThat(m.matches()).as("'%s' is exactly one ${NAME:?message}", value).isTrue();
        return m.group(1);
    }

    // --- parts, ports, health, start order --------------------------------------------------------

    @Test
    void hasTheInfrastructureKeycloakAndTheFourServices() {
        assertThat(services).containsOnlyKeys("kafka", "mysql", "keycloak", "mailpit",
                "problem-service", "solution-service", "matcher-service", "scheduler-service");
        assertThat(service("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(service("mysql").get("image")).isEqualTo("mysql:8.4");
        assertThat(service("mailpit").get("image").toString()).startsWith("axllent/mailpit:");
    }

    /** One published port: host address, host port, container port. */
    private record Published(String hostIp, String hostPort, String containerPort) { }

    @SuppressWarnings("unchecked")
    private static List<Published> published(String name) {
        Object raw = service(name).get("ports");
        List<Published> result = new ArrayList<>();
        if (raw == null) {
            return result;
        }
        for (Object entry : (List<Object>) raw) {
            if (entry instanceof Map<?, ?> longSyntax) {
                Object ip = longSyntax.get("host_ip");
                result.add(new Published(ip == null ? "" : ip.toString(), String.valueOf(longSyntax.get("published")),
                        String.valueOf(longSyntax.get("target"))));
                continue;
            }
            String spec = entry.toString().replaceFirst("/(tcp|udp)$", "");
            int lastColon = spec.lastIndexOf(':');
            String container = spec.substring(lastColon + 1);
            String hostPart = lastColon < 0 ? "" : spec.substring(0, lastColon);
            int ipColon = hostPart.lastIndexOf(':');
            result.add(ipColon < 0
                    ? new Published("", hostPart, container)
                    : new Published(hostPart.substring(0, ipColon), hostPart.substring(ipColon + 1), container));
        }
        return result;
    }

    @Test
    void publishesOnlyTheApisKeycloakAndMailpitsWebPageAndOnlyOnLoopback() {
        StackOptions defaults = StackOptions.parse(new String[0]);
        Map<String, String> allowed = new HashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            allowed.put(spec.name(), spec.defaultPort() + ":" + spec.defaultPort());
            assertThat(env(spec.name())).containsEntry("PORT", String.valueOf(spec.defaultPort()));
        }
        allowed.put("keycloak", KEYCLOAK_HOST_PORT + ":8080");
        allowed.put("mailpit", defaults.port("mail") + ":8025");

        Map<String, String> actual = new HashMap<>();
        for (String name : services.keySet()) {
            assertThat(service(name)).as(name + " shares no host network").doesNotContainKey("network_mode");
            List<Published> ports = published(name);
            assertThat(ports).as(name + " publishes at most one port").hasSizeLessThanOrEqualTo(1);
            for (Published p : ports) {
                assertThat(p.hostIp()).as(name + " binds its published port to the loopback address").isEqualTo(LOOPBACK);
                actual.put(name, p.hostPort() + ":" + p.containerPort());
            }
        }
        assertThat(actual).isEqualTo(allowed);
    }

    @Test
    void kafkaIsASingleKraftNodeReachableOnlyInsideTheNetwork() {
        Map<String, String> env = env("kafka");
        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
        assertThat(env.get("KAFKA_LISTENERS").split(",")).containsExactlyInAnyOrder("PLAINTEXT://:9092", "CONTROLLER://:9093");
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
        assertThat(String.valueOf(healthTest("mysql"))).contains("mysqladmin ping", "127.0.0.1", "$$MYSQL_ROOT_PASSWORD");
        assertThat(String.valueOf(healthTest("mailpit"))).contains("readyz");
        // The Keycloak image has no curl: bash's /dev/tcp on the management port, as Keycloak's health guide shows.
        List<String> keycloak = healthTest("keycloak");
        assertThat(keycloak.subList(0, 3)).containsExactly("CMD", "bash", "-c");
        assertThat(keycloak.get(3)).contains("HEAD /health/ready HTTP/1.0\\r\\n\\r\\n", "grep 'HTTP/1.0 200'",
                "/dev/tcp/localhost/9000");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            assertThat(healthTest(spec.name())).containsExactly("CMD", "curl", "-fsS",
                    "http://localhost:" + spec.defaultPort() + "/health");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesStartOnlyWhenWhatTheyNeedIsHealthy() {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Map<String, Object> dependsOn = (Map<String, Object>) service(spec.name()).get("depends_on");
            Set<String> needs = new LinkedHashSet<>(List.of("kafka", "mysql", "keycloak"));
            if (spec.label().equals("scheduler")) {
                needs.add("mailpit");
            }
            assertThat(dependsOn).as(spec.name()).containsOnlyKeys(needs);
            dependsOn.values().forEach(v -> assertThat((Map<String, Object>) v).containsEntry("condition", "service_healthy"));
        }
        Map<String, Object> keycloakNeeds = (Map<String, Object>) service("keycloak").get("depends_on");
        assertThat(keycloakNeeds).containsOnlyKeys("mysql");
        assertThat((Map<String, Object>) keycloakNeeds.get("mysql")).containsEntry("condition", "service_healthy");
    }

    // --- the one Dockerfile -----------------------------------------------------------------------

    /** A Dockerfile instruction with its continuation lines joined. */
    private record Instruction(String keyword, String arguments) { }

    private static List<Instruction> instructions(String dockerfile) {
        List<Instruction> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (!current.isEmpty() && trimmed.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            int space = text.indexOf(' ');
            result.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT), text.substring(space + 1).strip()));
            current.setLength(0);
        }
        return result;
    }

    /** The instructions of each stage, in order (the ARGs before the first FROM are left out). */
    private static List<List<Instruction>> stages(List<Instruction> all) {
        List<List<Instruction>> stages = new ArrayList<>();
        for (Instruction i : all) {
            if (i.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).add(i);
            }
        }
        return stages;
    }

    private static Map<String, String> argDefaults(List<Instruction> instructions) {
        Map<String, String> args = new HashMap<>();
        for (Instruction i : instructions) {
            if (i.keyword().equals("ARG")) {
                String[] nameAndDefault = i.arguments().split("=", 2);
                args.put(nameAndDefault[0], nameAndDefault.length > 1 ? nameAndDefault[1].replaceAll("^\"|\"$", "") : null);
            }
        }
        return args;
    }

    @Test
    @SuppressWarnings("unchecked")
    void allFourServicesAreBuiltFromTheOneDockerfile() throws IOException {
        String rootPom = read("pom.xml");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Map<String, Object> build = (Map<String, Object>) service(spec.name()).get("build");
            assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "Dockerfile");
            assertThat(buildArgs(spec.name())).containsEntry("SERVICE", spec.name())
                    .containsEntry("PORT", String.valueOf(spec.defaultPort()));
            assertThat(ROOT.resolve("services").resolve(spec.name()).resolve("Dockerfile"))
                    .as("no per-service Dockerfile beside the shared one").doesNotExist();
            String module = "services/" + spec.name();
            // -pl only finds modules of the reactor.
            assertThat(rootPom).as("root pom lists " + module).contains("<module>" + module + "</module>");
            // The shaded jar's main class is the one the local stack runs.
            assertThat(read(module + "/pom.xml")).contains(spec.mainClass());
        }
        assertThat(read(".dockerignore").lines().map(String::strip)).contains("**/target", ".local-stack", ".git", ".env");
    }

    @Test
    void theDockerfileBuildsWithTheWrapperAndRunsTheShadedJarAsANonRootUser() throws IOException {
        List<List<Instruction>> stages = stages(instructions(read("Dockerfile")));
        assertThat(stages).hasSize(2);
        List<Instruction> build = stages.get(0);
        List<Instruction> run = stages.get(1);

        assertThat(build.get(0).arguments()).isEqualTo("eclipse-temurin:17-jdk AS build");
        assertThat(build).contains(new Instruction("WORKDIR", "/src"));
        String mvn = build.stream().filter(i -> i.keyword().equals("RUN") && i.arguments().contains("./mvnw"))
                .map(Instruction::arguments).findFirst().orElseThrow();
        assertThat(mvn).contains("--mount=type=cache,target=/root/.m2", " -am package", "-DskipTests");
        Matcher pl = Pattern.compile("-pl (\\S+)").matcher(mvn);
        assertThat(pl.find()).isTrue();
        assertThat(pl.group(1).split(",")).containsExactlyInAnyOrderElementsOf(
                ServiceSpec.ALL.stream().map(s -> "services/" + s.name()).toList());
        assertThat(build).as("the build stage is the same for every service, so it is built once")
                .noneMatch(i -> i.arguments().contains("SERVICE"));

        assertThat(run.get(0).arguments()).isEqualTo("eclipse-temurin:17-jre");
        Map<String, String> args = argDefaults(run);
        assertThat(args).containsKeys("SERVICE", "PORT", "JAVA_OPTS").containsEntry("VERSION", ServiceSpec.VERSION);
        assertThat(args.get("SERVICE")).as("SERVICE has no default").isNull();
        assertThat(run).contains(new Instruction("COPY",
                "--from=build --chown=innoleap:innoleap /src/services/${SERVICE}/target/${SERVICE}-${VERSION}.jar /app/app.jar"));
        assertThat(run).anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("install -y --no-install-recommends curl"));
        assertThat(run).contains(new Instruction("EXPOSE", "${PORT}"));
        assertThat(run).anyMatch(i -> i.keyword().equals("HEALTHCHECK") && i.arguments().contains("/health"));

        int userAt = -1;
        int entrypointAt = -1;
        for (int i = 0; i < run.size(); i++) {
            if (run.get(i).keyword().equals("USER")) {
                userAt = i;
                assertThat(run.get(i).arguments()).isNotIn("root", "0");
            }
            if (run.get(i).keyword().equals("ENTRYPOINT")) {
                entrypointAt = i;
                assertThat(run.get(i).arguments()).contains("$JAVA_OPTS", "-jar /app/app.jar");
            }
        }
        assertThat(userAt).as("a USER line").isNotNegative().isLessThan(entrypointAt);
    }

    /** JAVA_OPTS as the container sees it: compose's environment, else the build argument, else the Dockerfile's default. */
    private static String effectiveJavaOpts(String name) throws IOException {
        String fromEnv = env(name).get("JAVA_OPTS");
        if (fromEnv != null) {
            return fromEnv;
        }
        String fromArgs = buildArgs(name).get("JAVA_OPTS");
        if (fromArgs != null) {
            return fromArgs;
        }
        return argDefaults(stages(instructions(read("Dockerfile"))).get(1)).get("JAVA_OPTS");
    }

    @Test
    void theMatcherKeepsItsLargerHeapAndTheVectorModule() throws IOException {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            String opts = effectiveJavaOpts(spec.name());
            assertThat(opts).as(spec.name()).contains("-XX:+ExitOnOutOfMemoryError").containsPattern("-Xmx\\d+m");
        }
        ServiceSpec matcher = ServiceSpec.ALL.stream().filter(s -> s.label().equals("matcher")).findFirst().orElseThrow();
        String heap = matcher.jvmFlags().stream().filter(f -> f.startsWith("-Xmx")).findFirst().orElseThrow();
        assertThat(effectiveJavaOpts(matcher.name())).contains(heap, "--add-modules jdk.incubator.vector");
    }

    // --- MySQL: a schema and a user per service, passwords from the environment --------------------

    /** One row of the init script's table: innoleap_schema_and_user SCHEMA USER PASSWORD_VARIABLE [COLLATION]. */
    private record SchemaAndUser(String schema, String user, String passwordVariable) { }

    private static Map<String, SchemaAndUser> initScriptRows() throws IOException {
        Map<String, SchemaAndUser> rows = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^innoleap_schema_and_user\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)(\\s+\\S+)?\\s*$")
                .matcher(read(INIT_SCRIPT));
        while (m.find()) {
            rows.put(m.group(1), new SchemaAndUser(m.group(1), m.group(2), m.group(3)));
        }
        return rows;
    }

    @Test
    void eachServiceAndKeycloakGetTheirOwnSchemaAndUserFromTheInitScript() throws IOException {
        assertThat(String.valueOf(service("mysql").get("volumes")))
                .contains("./" + INIT_SCRIPT + ":/docker-entrypoint-initdb.d/01-schemas-and-users.sh:ro");
        assertThat(Files.isExecutable(ROOT.resolve(INIT_SCRIPT))).as("not executable, so the image sources it").isFalse();
        Map<String, SchemaAndUser> rows = initScriptRows();
        Map<String, String> mysqlEnv = env("mysql");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Map<String, String> env = env(spec.name());
            SchemaAndUser row = rows.get(SCHEMAS.get(spec.name()));
            assertThat(row).as(spec.name() + " has a row in the init script").isNotNull();
            assertThat(env.get("DATASOURCES_DEFAULT_URL")).startsWith("jdbc:mysql://mysql:3306/" + row.schema() + "?");
            assertThat(env).containsEntry("DATASOURCES_DEFAULT_DRIVER_CLASS_NAME", "com.mysql.cj.jdbc.Driver")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("DATASOURCES_DEFAULT_USERNAME", row.user());
            assertThat(requiredVariable(env.get("DATASOURCES_DEFAULT_PASSWORD"))).isEqualTo(row.passwordVariable());
            assertThat(requiredVariable(mysqlEnv.get(row.passwordVariable()))).isEqualTo(row.passwordVariable());
        }
        SchemaAndUser keycloakRow = rows.get("keycloak");
        assertThat(keycloakRow).isNotNull();
        Map<String, String> keycloak = env("keycloak");
        assertThat(keycloak).containsEntry("KC_DB_URL_HOST", "mysql")
                .containsEntry("KC_DB_URL_DATABASE", keycloakRow.schema())
                .containsEntry("KC_DB_USERNAME", keycloakRow.user());
        assertThat(requiredVariable(keycloak.get("KC_DB_PASSWORD"))).isEqualTo(keycloakRow.passwordVariable());
        assertThat(requiredVariable(mysqlEnv.get(keycloakRow.passwordVariable()))).isEqualTo(keycloakRow.passwordVariable());
        assertThat(rows.values().stream().map(SchemaAndUser::user).distinct()).hasSize(5);
        assertThat(rows.values().stream().map(SchemaAndUser::passwordVariable).distinct()).hasSize(5);
    }

    /** Runs the init script as the mysql image does (sourced by bash), with the mysql client replaced by cat. */
    private static Process runInitScript(Map<String, String> passwords) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "set -eo pipefail; docker_process_sql() { printf -- '-- %s\\n' \"$*\"; cat; }; . \"$1\"; echo '-- done'",
                "init", ROOT.resolve(INIT_SCRIPT).toString());
        pb.environment().keySet().retainAll(Set.of("PATH"));
        pb.environment().putAll(passwords);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static boolean bashAvailable() {
        try {
            Process p = new ProcessBuilder("bash", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void theInitScriptTakesEveryPasswordFromTheEnvironmentAndQuotesIt() throws Exception {
        assumeTrue(bashAvailable(), "bash is not installed here");
        String script = read(INIT_SCRIPT);
        assertThat(script).doesNotContainPattern("IDENTIFIED BY '");
        developmentSecrets().forEach((name, value) ->
                assertThat(script).as("the init script does not contain the value of " + name).doesNotContain(value));

        Map<String, SchemaAndUser> rows = initScriptRows();
        Map<String, String> passwords = new LinkedHashMap<>();
        rows.values().forEach(r -> passwords.put(r.passwordVariable(), "pw-" + r.user()));
        String tricky = rows.values().iterator().next().passwordVariable();
        passwords.put(tricky, "it's a \\ back'slash");

        Process ok = runInitScript(passwords);
        String sql = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ok.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.exitValue()).as(sql).isZero();
        assertThat(sql).endsWith("-- done\n");
        for (SchemaAndUser r : rows.values()) {
            String password = r.passwordVariable().equals(tricky) ? "'it\\'s a \\\\ back\\'slash'" : "'pw-" + r.user() + "'";
            assertThat(sql).contains("CREATE DATABASE IF NOT EXISTS `" + r.schema() + "` CHARACTER SET utf8mb4 COLLATE ")
                    .contains("CREATE USER IF NOT EXISTS '" + r.user() + "'@'%' IDENTIFIED BY " + password + ";")
                    .contains("GRANT ALL PRIVILEGES ON `" + r.schema() + "`.* TO '" + r.user() + "'@'%';");
            assertThat(sql.lines().filter(l -> l.startsWith("GRANT") && l.contains("'" + r.user() + "'")))
                    .as(r.user() + " reaches only its schema").hasSize(1);
        }
        assertThat(sql).contains("CREATE DATABASE IF NOT EXISTS `keycloak` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");

        Map<String, String> missingOne = new LinkedHashMap<>(passwords);
        String last = new ArrayList<>(rows.values()).get(rows.size() - 1).passwordVariable();
        missingOne.remove(last);
        Process failing = runInitScript(missingOne);
        String output = new String(failing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(failing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failing.exitValue()).as("a missing password stops the initialisation").isNotZero();
        assertThat(output).contains(last + " is empty").doesNotContain("-- done");
    }

    // --- secrets and .env ---------------------------------------------------------------------------

    private static void strings(Object node, Consumer<String> sink) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                sink.accept(String.valueOf(k));
                strings(v, sink);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> strings(v, sink));
        } else if (node != null) {
            sink.accept(node.toString());
        }
    }

    /** Every ${NAME...} of the compose file: name to the modifier that follows it (":?message", ":-", ""). */
    private static Map<String, Set<String>> composeVariables() {
        Map<String, Set<String>> variables = new HashMap<>();
        strings(compose, s -> {
            assertThat(UNBRACED_VARIABLE.matcher(s).find()).as("'%s' uses ${NAME}, not $NAME", s).isFalse();
            Matcher m = COMPOSE_VARIABLE.matcher(s);
            while (m.find()) {
                variables.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        });
        return variables;
    }

    @Test
    void noSecretIsWrittenInTheComposeFile() {
        for (String name : services.keySet()) {
            Object raw = service(name).get("environment");
            if (raw == null) {
                continue;
            }
            env(name).forEach((key, value) -> {
                if (SECRET_KEY.matcher(key).matches()) {
                    requiredVariable(value);
                }
            });
            buildArgs(name).keySet().forEach(key ->
                    assertThat(SECRET_KEY.matcher(key).matches()).as(name + " passes no secret as a build argument").isFalse());
        }
        // Nor a development value copied from .env.example.
        List<String> all = new ArrayList<>();
        strings(compose, all::add);
        developmentSecrets().forEach((name, value) ->
                assertThat(all).as("docker-compose.yml does not contain the value of " + name).noneMatch(s -> s.contains(value)));
    }

    /** The secret values of .env.example, but the demo users' password: the API contract publishes it. */
    private static Map<String, String> developmentSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        envExample.forEach((name, value) -> {
            if (SECRET_KEY.matcher(name).matches() && !name.equals("INNOLEAP_DEMO_PASSWORD") && !value.isBlank()) {
                secrets.put(name, value);
            }
        });
        assertThat(secrets).isNotEmpty();
        return secrets;
    }

    @Test
    void envExampleDefinesEveryVariableComposeUsesAndTheGitIgnoresDotEnv() throws IOException {
        Map<String, Set<String>> used = composeVariables();
        assertThat(envExample.keySet()).as("variables of .env.example").containsExactlyInAnyOrderElementsOf(used.keySet());
        used.forEach((name, modifiers) -> {
            for (String modifier : modifiers) {
                if (OPTIONAL_VARIABLES.contains(name)) {
                    assertThat(modifier).as(name + " may be empty").isEqualTo(":-");
                } else {
                    assertThat(modifier).as(name + ": a missing value stops compose").startsWith(":?");
                }
            }
        });
        envExample.forEach((name, value) -> {
            if (!OPTIONAL_VARIABLES.contains(name)) {
                assertThat(value).as(name + " has a development value in .env.example").isNotBlank();
            }
        });
        assertThat(read(".env.example").toLowerCase(Locale.ROOT)).contains("development values");
        assertThat(read(".gitignore").lines().map(String::strip)).contains(".env");
        assertThat(ROOT.resolve(".env.example")).exists();
    }

    // --- Keycloak -----------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void keycloakRunsOptimizedInProductionModeWithAStableIssuer() throws IOException {
        Map<String, Object> build = (Map<String, Object>) service("keycloak").get("build");
        Path dockerfile = ROOT.resolve(String.valueOf(build.get("context"))).resolve(
                String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")));
        List<Instruction> all = instructions(Files.readString(dockerfile));
        Map<String, String> globalArgs = argDefaults(all.subList(0, all.indexOf(
                all.stream().filter(i -> i.keyword().equals("FROM")).findFirst().orElseThrow())));
        List<List<Instruction>> stages = stages(all);
        assertThat(stages).hasSize(2);
        for (List<Instruction> stage : stages) {
            String image = stage.get(0).arguments().split(" ")[0];
            Matcher arg = Pattern.compile("\\$\\{(\\w+)}").matcher(image);
            String resolved = arg.find() ? image.replace(arg.group(), globalArgs.get(arg.group(1))) : image;
            assertThat(resolved).matches("quay\\.io/keycloak/keycloak:26\\.\\d+\\.\\d+");
        }
        // Build-time options are set before `kc.sh build`, so `start --optimized` needs no rebuild.
        List<Instruction> builder = stages.get(0);
        int buildAt = builder.indexOf(new Instruction("RUN", "/opt/keycloak/bin/kc.sh build"));
        assertThat(buildAt).isPositive();
        assertThat(builder.subList(0, buildAt)).contains(new Instruction("ENV", "KC_HEALTH_ENABLED=true"),
                new Instruction("ENV", "KC_DB=mysql"));
        assertThat(stages.get(1)).contains(new Instruction("COPY", "--from=builder /opt/keycloak/ /opt/keycloak/"));

        assertThat((List<String>) service("keycloak").get("command")).containsExactly("start", "--optimized", "--import-realm");
        Map<String, String> env = env("keycloak");
        assertThat(env).containsEntry("KC_HOSTNAME", "http://localhost:" + KEYCLOAK_HOST_PORT)
                .containsEntry("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true")
                .containsEntry("KC_HTTP_ENABLED", "true");
        requiredVariable(env.get("KC_BOOTSTRAP_ADMIN_USERNAME"));
        requiredVariable(env.get("KC_BOOTSTRAP_ADMIN_PASSWORD"));
        // Keycloak imports <realm>-realm.json files from data/import at start.
        assertThat(REALM_FILE).endsWith("/" + realm.path("realm").asText() + "-realm.json");
        assertThat((List<String>) service("keycloak").get("volumes"))
                .contains("./" + REALM_FILE + ":/opt/keycloak/data/import/" + REALM + "-realm.json:ro");
    }

    @Test
    void servicesTrustTokensOfThatIssuerAndFetchTheKeysInsideTheNetwork() {
        String issuer = env("keycloak").get("KC_HOSTNAME") + "/realms/" + realm.path("realm").asText();
        String keycloakPort = published("keycloak").get(0).containerPort();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            assertThat(env(spec.name()))
                    .containsEntry("INNOLEAP_OIDC_ISSUER", issuer)
                    .containsEntry("INNOLEAP_OIDC_JWKS_URL",
                            "http://keycloak:" + keycloakPort + "/realms/" + REALM + "/protocol/openid-connect/certs")
                    .containsEntry("INNOLEAP_CORS_ALLOWED_ORIGINS", "${INNOLEAP_CORS_ALLOWED_ORIGINS:-}");
        }
        assertThat(envExample).containsEntry("INNOLEAP_CORS_ALLOWED_ORIGINS", "");
    }

    // --- the realm ------------------------------------------------------------------------------------

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> texts(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toList();
    }

    private static JsonNode user(String username) {
        return list(realm.path("users")).stream().filter(u -> u.path("username").asText().equals(username))
                .findFirst().orElseThrow(() -> new AssertionError("no user " + username));
    }

    private static JsonNode client(String clientId) {
        return list(realm.path("clients")).stream().filter(c -> c.path("clientId").asText().equals(clientId))
                .findFirst().orElseThrow(() -> new AssertionError("no client " + clientId));
    }

    private static List<String> scopeMappings(String clientId) {
        return list(realm.path("scopeMappings")).stream().filter(s -> s.path("client").asText().equals(clientId))
                .flatMap(s -> texts(s.path("roles")).stream()).toList();
    }

    @Test
    void theRealmHasTheDemoUsersWithTheirRolesAndClaims() {
        assertThat(realm.path("realm").asText()).isEqualTo(REALM);
        assertThat(realm.path("enabled").asBoolean()).isTrue();
        assertThat(list(realm.path("roles").path("realm")).stream().map(r -> r.path("name").asText()))
                .containsExactlyInAnyOrder("AGENCY", "PROVIDER", "COORDINATOR", "PROGRAMME_OFFICE", "METRICS");
        for (DemoUser demo : DEMO_USERS) {
            JsonNode u = user(demo.username());
            assertThat(u.path("enabled").asBoolean()).isTrue();
            assertThat(texts(u.path("realmRoles"))).as(demo.username()).containsExactly(demo.role());
            // name (first and last name), email: the profile and email scopes put them in the token.
            assertThat(u.path("firstName").asText()).isNotBlank();
            assertThat(u.path("lastName").asText()).isNotBlank();
            assertThat(u.path("email").asText()).endsWith("@innoleap.example");
            assertThat(u.path("emailVerified").asBoolean()).isTrue();
            List<JsonNode> credentials = list(u.path("credentials"));
            assertThat(credentials).hasSize(1);
            assertThat(credentials.get(0).path("type").asText()).isEqualTo("password");
            assertThat(credentials.get(0).path("value").asText()).isEqualTo("${INNOLEAP_DEMO_PASSWORD}");
            assertThat(credentials.get(0).path("temporary").asBoolean()).isFalse();
            Set<String> attributes = new TreeSet<>();
            u.path("attributes").fieldNames().forEachRemaining(attributes::add);
            if ("email".equals(demo.claim())) {
                assertThat(u.path("email").asText()).isEqualTo(demo.value());
                assertThat(attributes).isEmpty();
            } else if (demo.claim() != null) {
                assertThat(attributes).containsExactly(demo.claim());
                assertThat(texts(u.path("attributes").path(demo.claim()))).containsExactly(demo.value());
            } else {
                assertThat(attributes).isEmpty();
            }
        }
        assertThat(list(realm.path("users")).stream().filter(u -> !u.has("serviceAccountClientId"))
                .map(u -> u.path("username").asText())).containsExactlyInAnyOrderElementsOf(
                DEMO_USERS.stream().map(DemoUser::username).toList());
        assertThat(envExample).containsEntry("INNOLEAP_DEMO_PASSWORD", "innoleap");
    }

    @Test
    void theUserProfileDeclaresAgencyAndUenAndOnlyAdminsEditWhatTheServicesTrust() throws IOException {
        List<JsonNode> providers = list(realm.path("components").path("org.keycloak.userprofile.UserProfileProvider"));
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).path("providerId").asText()).isEqualTo("declarative-user-profile");
        JsonNode profile = new ObjectMapper().readTree(providers.get(0).path("config").path("kc.user.profile.config").get(0).asText());
        Map<String, JsonNode> attributes = list(profile.path("attributes")).stream()
                .collect(Collectors.toMap(a -> a.path("name").asText(), a -> a));
        assertThat(attributes).containsKeys("username", "email", "firstName", "lastName", "agency", "uen");
        for (String trusted : List.of("email", "agency", "uen")) {
            assertThat(texts(attributes.get(trusted).path("permissions").path("edit"))).as(trusted).containsExactly("admin");
        }
        // Undeclared attributes stay disabled: a user cannot add claims to their own token.
        assertThat(profile.path("unmanagedAttributePolicy").asText("DISABLED")).isIn("DISABLED", "");
    }

    @Test
    void theCliClientIsPublicWithThePasswordGrantOnly() {
        JsonNode cli = client("innoleap-cli");
        assertThat(cli.path("publicClient").asBoolean()).isTrue();
        assertThat(cli.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(cli.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(cli.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(cli.path("serviceAccountsEnabled").asBoolean()).isFalse();
        assertThat(cli.has("secret")).isFalse();
    }

    @Test
    void thePortalClientIsConfidentialWithTheCodeFlowAndPkceOnLocalhost() {
        JsonNode portal = client("innoleap-portal");
        assertThat(portal.path("publicClient").asBoolean()).isFalse();
        assertThat(portal.path("clientAuthenticatorType").asText()).isEqualTo("client-secret");
        assertThat(portal.path("secret").asText()).isEqualTo("${INNOLEAP_PORTAL_CLIENT_SECRET}");
        assertThat(portal.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(portal.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(portal.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(portal.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(texts(portal.path("redirectUris"))).isNotEmpty()
                .allMatch(uri -> uri.startsWith("http://localhost:") || uri.startsWith("http://127.0.0.1:"));
        assertThat(texts(portal.path("webOrigins")))
                .allMatch(uri -> uri.startsWith("http://localhost:") || uri.startsWith("http://127.0.0.1:"));
    }

    @Test
    void theMetricsClientIsAServiceAccountWhoseTokenCarriesMetricsOnly() {
        JsonNode metrics = client("innoleap-metrics");
        assertThat(metrics.path("publicClient").asBoolean()).isFalse();
        assertThat(metrics.path("secret").asText()).isEqualTo("${INNOLEAP_METRICS_CLIENT_SECRET}");
        assertThat(metrics.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(metrics.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(metrics.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        List<JsonNode> serviceAccounts = list(realm.path("users")).stream()
                .filter(u -> u.path("serviceAccountClientId").asText().equals("innoleap-metrics")).toList();
        assertThat(serviceAccounts).hasSize(1);
        assertThat(texts(serviceAccounts.get(0).path("realmRoles"))).containsExactly("METRICS");
        assertThat(list(realm.path("users")).stream().filter(u -> texts(u.path("realmRoles")).contains("METRICS")))
                .as("only the scraper's service account has METRICS").hasSize(1);
        assertThat(scopeMappings("innoleap-metrics")).containsExactly("METRICS");
    }

    private static JsonNode mapper(JsonNode client, String type, String configKey, String configValue) {
        return list(client.path("protocolMappers")).stream()
                .filter(m -> m.path("protocolMapper").asText().equals(type))
                .filter(m -> m.path("config").path(configKey).asText().equals(configValue))
                .findFirst().orElseThrow(() -> new AssertionError(client.path("clientId").asText()
                        + " has no " + type + " with " + configKey + "=" + configValue));
    }

    private static void inAccessToken(JsonNode mapper) {
        assertThat(mapper.path("config").path("access.token.claim").asText()).isEqualTo("true");
    }

    @Test
    void accessTokensCarryRolesAgencyUenAndTheApiAudience() {
        // No realm-level client scopes: then Keycloak creates its built-in ones (basic: sub; profile: name;
        // email: email) and gives them to every client; declaring any would drop them.
        assertThat(realm.has("clientScopes")).isFalse();
        for (String clientId : List.of("innoleap-cli", "innoleap-portal", "innoleap-metrics")) {
            JsonNode client = client(clientId);
            assertThat(client.has("defaultClientScopes")).as(clientId + " keeps the default scopes").isFalse();
            JsonNode roles = mapper(client, "oidc-usermodel-realm-role-mapper", "claim.name", "roles");
            assertThat(roles.path("config").path("multivalued").asText()).as("roles is an array").isEqualTo("true");
            assertThat(roles.path("config").path("usermodel.realmRoleMapping.rolePrefix").asText("")).isEmpty();
            inAccessToken(roles);
            inAccessToken(mapper(client, "oidc-audience-mapper", "included.custom.audience", "innoleap-api"));
            // The token holds only the roles in the client's scope: no default-roles-innoleap, offline_access, ...
            assertThat(client.path("fullScopeAllowed").asBoolean(true)).as(clientId + " fullScopeAllowed").isFalse();
        }
        for (String clientId : List.of("innoleap-cli", "innoleap-portal")) {
            JsonNode client = client(clientId);
            for (String claim : List.of("agency", "uen")) {
                JsonNode attribute = mapper(client, "oidc-usermodel-attribute-mapper", "user.attribute", claim);
                assertThat(attribute.path("config").path("claim.name").asText()).isEqualTo(claim);
                inAccessToken(attribute);
            }
            assertThat(scopeMappings(clientId)).containsExactlyInAnyOrderElementsOf(PROGRAMME_ROLES);
        }
    }

    @Test
    void everyPlaceholderOfTheRealmComesFromDotEnvThroughTheKeycloakContainer() throws IOException {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)[^}]*}").matcher(read(REALM_FILE));
        Set<String> placeholders = new TreeSet<>();
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        assertThat(placeholders).containsExactlyInAnyOrder(
                "INNOLEAP_DEMO_PASSWORD", "INNOLEAP_PORTAL_CLIENT_SECRET", "INNOLEAP_METRICS_CLIENT_SECRET");
        Map<String, String> keycloak = env("keycloak");
        for (String name : placeholders) {
            assertThat(requiredVariable(keycloak.get(name))).isEqualTo(name);
            assertThat(envExample).containsKey(name);
        }
    }

    // --- what the services read ------------------------------------------------------------------------

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
            Map<String, String> env = env(spec.name());
            assertThat(env).containsKeys("PORT", "KAFKA_BOOTSTRAP_SERVERS", "DATASOURCES_DEFAULT_URL",
                    "DATASOURCES_DEFAULT_USERNAME", "DATASOURCES_DEFAULT_PASSWORD", "DATASOURCES_DEFAULT_DRIVER_CLASS_NAME",
                    "INNOLEAP_OIDC_ISSUER", "INNOLEAP_OIDC_JWKS_URL", "INNOLEAP_CORS_ALLOWED_ORIGINS");
            Path yml = ROOT.resolve("services").resolve(spec.name()).resolve("src/main/resources/application.yml");
            if (!Files.exists(yml)) {
                continue; // nothing to check yet
            }
            Matcher m = PLACEHOLDER.matcher(Files.readString(yml, StandardCharsets.UTF_8));
            List<String> missing = new ArrayList<>();
            while (m.find()) {
                String name = m.group(1);
                boolean isEnvName = name.equals(name.toUpperCase(Locale.ROOT));
                if (m.group(2) == null && isEnvName && !env.containsKey(name)) {
                    missing.add(name);
                }
            }
            assertThat(missing).as(spec.name() + ": placeholders without default not set in docker-compose.yml").isEmpty();
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
        // With .env.example's values: the file must not depend on a developer's own .env.
        Process config = new ProcessBuilder("docker", "compose", "--env-file", ROOT.resolve(".env.example").toString(),
                "-f", ROOT.resolve("docker-compose.yml").toString(), "config", "--quiet")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as(new String(config.getInputStream().readAllBytes())).isZero();
    }
}
