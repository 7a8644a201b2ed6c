package io.innoleap.scheduler;

import io.innoleap.scheduler.Api.Answer;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every single-line text field of every request refuses CR, LF, TAB and NUL with a 400 naming the
 * field, and nothing is stored or published: no such character can reach a mail header or an
 * .ics line (the writers' own escaping is tested in IcsWriterTest and ClinicMailsTest).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlCharactersTest implements TestPropertyProvider {

    private static final Map<String, String> CHARACTERS = Map.of("CR", "\r", "LF", "\n", "TAB", "\t", "NUL", "\u0000");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    OutboxRepository outbox;

    private Api api;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-control-chars").build();
    }

    @BeforeAll
    void client() {
        api = new Api(http);
    }

    /** Endpoint, a valid body, and the JSON path of one of its single-line fields. */
    record Field(String path, Supplier<Map<String, Object>> body, String field) {
    }

    static List<Field> fields() {
        LocalDate day = LocalDate.of(2027, 2, 3);
        Instant start = Instant.parse("2027-02-03T02:00:00Z");
        Supplier<Map<String, Object>> plan = () -> {
            Map<String, Object> m = Bodies.plan(day);
            m.put("startTime", "09:30");
            return m;
        };
        Supplier<Map<String, Object>> workshop = () -> Bodies.workshop("transport", day, true);
        Supplier<Map<String, Object>> byCodes = () -> Bodies.sharingDay("transport", List.of("LTA", "URA"), day);
        Supplier<Map<String, Object>> byDomain = () -> {
            Map<String, Object> m = Bodies.sharingDay("transport", List.of(), day);
            m.put("audience", new LinkedHashMap<>(Map.of("domain", "transport")));
            return m;
        };
        Supplier<Map<String, Object>> slot = () -> Bodies.slot("Ong Mei Ling", "ong@coordinators.example", start, 30);
        return List.of(
                new Field("/api/workshops/plan", plan, "notBefore"),
                new Field("/api/workshops/plan", plan, "startTime"),
                new Field("/api/workshops/plan", plan, "venue"),
                new Field("/api/workshops", workshop, "theme"),
                new Field("/api/workshops", workshop, "startsAt"),
                new Field("/api/workshops", workshop, "venue"),
                new Field("/api/sharing-days", byCodes, "theme"),
                new Field("/api/sharing-days", byCodes, "date"),
                new Field("/api/sharing-days", byCodes, "startTime"),
                new Field("/api/sharing-days", byCodes, "audience.agencyCodes[1]"),
                new Field("/api/sharing-days", byDomain, "audience.domain"),
                new Field("/api/clinic-slots", slot, "coordinator.name"),
                new Field("/api/clinic-slots", slot, "coordinator.email"));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Field f : fields()) {
            CHARACTERS.forEach((name, c) -> out.add(Arguments.of(f.path() + " " + f.field() + " with " + name, f, c)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aControlCharacterIsRefusedNamingTheFieldAndNothingIsStored(String name, Field f, String character) {
        Map<String, Object> body = f.body().get();
        inject(body, f.field(), character);
        long outboxBefore = outbox.count();
        long workshops = api.total("/api/workshops");
        long sharingDays = api.total("/api/sharing-days");
        long slots = api.total("/api/clinic-slots");

        Answer answer = api.post("office", f.path(), body);

        assertThat(answer.status()).as(name).isEqualTo(400);
        assertThat(errors(answer)).as(name).anySatisfy(e -> {
            assertThat(e.get("field")).isEqualTo(f.field());
            assertThat(e.get("message").toString()).contains("single line");
        });
        assertThat(outbox.count()).isEqualTo(outboxBefore);
        assertThat(api.total("/api/workshops")).isEqualTo(workshops);
        assertThat(api.total("/api/sharing-days")).isEqualTo(sharingDays);
        assertThat(api.total("/api/clinic-slots")).isEqualTo(slots);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Answer a) {
        return (List<Map<String, Object>>) a.body().get("errors");
    }

    /** Puts the character into the middle of the field's value ({@code a.b}, {@code a.b[i]}). */
    @SuppressWarnings("unchecked")
    private static void inject(Map<String, Object> body, String path, String c) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            Map<String, Object> child = new LinkedHashMap<>((Map<String, Object>) node.get(parts[i]));
            node.put(parts[i], child);
            node = child;
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("]")) {
            String key = last.substring(0, last.indexOf('['));
            int index = Integer.parseInt(last.substring(last.indexOf('[') + 1, last.length() - 1));
            List<Object> list = new ArrayList<>((List<Object>) node.get(key));
            list.set(index, middle(String.valueOf(list.get(index)), c));
            node.put(key, list);
        } else {
            node.put(last, middle(String.valueOf(node.get(last)), c));
        }
    }

    private static String middle(String value, String c) {
        int at = Math.max(1, value.length() / 2);
        return value.substring(0, at) + c + value.substring(at);
    }
}
