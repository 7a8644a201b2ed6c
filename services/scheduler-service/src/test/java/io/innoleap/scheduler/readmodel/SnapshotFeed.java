package io.innoleap.scheduler.readmodel;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.EventEnvelope;
import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.contracts.events.Organisation;
import io.innoleap.contracts.events.OrganisationType;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.testkit.TestKafka;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Publishes snapshots to the real topics the way the intake services and the matcher do
 * (envelope JSON, key = aggregate id), so tests feed the scheduler's read model end to end.
 * Remembers the OPEN statements it published so {@link #closeAll()} can close them when a test
 * class ends: the topics are shared by every test class of the JVM.
 */
public final class SnapshotFeed implements AutoCloseable {

    private final JsonMapper json;
    private final KafkaProducer<String, String> producer;
    private final List<ProblemStatementSnapshot> published = new ArrayList<>();
    /** The status of the newest snapshot of each statement this feed sent, and the ACTIVE profiles it sent. */
    private final java.util.Map<UUID, String> statementStatus = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<UUID> activeProfiles = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SnapshotFeed(JsonMapper json) {
        this.json = json;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props);
    }

    /** A short code unique to this run, for agency codes and names nobody else uses. */
    public static String unique(String prefix) {
        return (prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 6)).toUpperCase(Locale.ROOT);
    }

    public static ProblemStatementSnapshot statement(String agencyCode, String domain, String title, Horizon horizon,
                                                     String... themes) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new ProblemStatementSnapshot(UUID.randomUUID(), new Agency(agencyCode, "Agency " + agencyCode, domain),
                title, "A problem statement used by the scheduler's tests: " + title, List.of(themes), horizon,
                new Contact("Contact of " + agencyCode, agencyCode.toLowerCase(Locale.ROOT) + "@agency.example"),
                ProblemStatementStatus.OPEN, 0, now, now);
    }

    public static SolutionProfileSnapshot profile(String organisationName, String... themes) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String slug = organisationName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return new SolutionProfileSnapshot(UUID.randomUUID(),
                new Organisation(organisationName, OrganisationType.COMMERCIAL, null), "Solution of " + organisationName,
                "A solution profile used by the scheduler's tests.", List.of(themes), List.of("test"), 7,
                new Contact("Contact at " + organisationName, "hello@" + slug + ".example"),
                SolutionProfileStatus.ACTIVE, 0, now, now);
    }

    public static MatchSnapshot match(ProblemStatementSnapshot problem, SolutionProfileSnapshot profile, double score,
                                      String... sharedThemes) {
        return new MatchSnapshot(problem.id(), profile.id(), score, 1, List.of(sharedThemes), List.of("test"), true, 0,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static ProblemStatementSnapshot withVersion(ProblemStatementSnapshot s, long version, String title,
                                                       ProblemStatementStatus status) {
        return new ProblemStatementSnapshot(s.id(), s.agency(), title, s.description(), s.themes(), s.horizon(),
                s.contact(), status, version, s.createdAt(), s.updatedAt().plusSeconds(version));
    }

    public RecordMetadata publish(ProblemStatementSnapshot s) {
        if (s.status() == ProblemStatementStatus.OPEN) {
            published.add(s);
        }
        String type = s.status() == ProblemStatementStatus.CLOSED ? ProblemStatementSnapshot.CLOSED
                : s.version() == 0 ? ProblemStatementSnapshot.PUBLISHED : ProblemStatementSnapshot.UPDATED;
        statementStatus.put(s.id(), s.status().name());
        return send(Topics.PROBLEM_STATEMENTS_NAME, null, s.id().toString(), envelope(type, s));
    }

    /** To a chosen partition, so a test knows what the consumer has processed before a later record. */
    public RecordMetadata publish(ProblemStatementSnapshot s, int partition) {
        String type = s.version() == 0 ? ProblemStatementSnapshot.PUBLISHED : ProblemStatementSnapshot.UPDATED;
        if (s.status() == ProblemStatementStatus.OPEN) {
            published.add(s);
        }
        statementStatus.put(s.id(), s.status().name());
        return send(Topics.PROBLEM_STATEMENTS_NAME, partition, s.id().toString(), envelope(type, s));
    }

    public RecordMetadata publish(SolutionProfileSnapshot s) {
        String type = s.version() == 0 ? SolutionProfileSnapshot.REGISTERED : SolutionProfileSnapshot.UPDATED;
        if (s.status() == SolutionProfileStatus.ACTIVE) {
            activeProfiles.add(s.id());
        } else {
            activeProfiles.remove(s.id());
        }
        return send(Topics.SOLUTION_PROFILES_NAME, null, s.id().toString(), envelope(type, s));
    }

    public RecordMetadata publish(MatchSnapshot s) {
        String type = s.active() ? (s.version() == 0 ? MatchSnapshot.PROPOSED : MatchSnapshot.UPDATED) : MatchSnapshot.RETRACTED;
        return send(Topics.MATCHES_NAME, null, s.key(), envelope(type, s));
    }

    /** Any snapshot in its envelope, to a chosen partition (or the key's one when null). */
    public RecordMetadata publishTo(String topic, Integer partition, String key, String type, Object snapshot) {
        return send(topic, partition, key, envelope(type, snapshot));
    }

    public RecordMetadata raw(String topic, Integer partition, String key, String value) {
        return send(topic, partition, key, value);
    }

    /** Publishes a CLOSED snapshot of every OPEN statement this feed published, so later classes see no demand from them. */
    public void closeAll() {
        for (ProblemStatementSnapshot s : List.copyOf(published)) {
            publish(withVersion(s, s.version() + 1000, s.title(), ProblemStatementStatus.CLOSED));
        }
        producer.flush();
    }

    /**
     * Waits until the scheduler's consumer has processed everything published to the
     * problem-statement topic so far: a CLOSED marker goes to every partition, and partitions are
     * consumed in order.
     */
    public void awaitProblemStatementsCaughtUp(ReadModel readModel) {
        int partitions = producer.partitionsFor(Topics.PROBLEM_STATEMENTS_NAME).size();
        List<UUID> markers = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ProblemStatementSnapshot marker = withVersion(statement("ZZMARK", "none", "Marker", Horizon.LONG_TERM, "cloud"),
                    1, "Marker", ProblemStatementStatus.CLOSED);
            send(Topics.PROBLEM_STATEMENTS_NAME, p, marker.id().toString(), envelope(ProblemStatementSnapshot.CLOSED, marker));
            markers.add(marker.id());
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> markers.stream().allMatch(id -> readModel.problemStatement(id).isPresent()));
    }

    /**
     * Waits until the read model holds every statement this feed sent (with the status of its newest
     * snapshot) and every ACTIVE profile. The three topics are consumed independently: a match can
     * be known before its statement (seen: a workshop booked meanwhile invited nobody, because the
     * statement's consumer was still busy with an earlier class's records).
     */
    public void awaitKnown(ReadModel readModel) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                statementStatus.entrySet().stream().allMatch(e -> readModel.problemStatement(e.getKey())
                        .map(st -> st.status().equals(e.getValue())).orElse(false))
                        && readModel.providerContacts(activeProfiles).keySet().containsAll(activeProfiles));
    }

    private String envelope(String type, Object snapshot) {
        try {
            return json.writeValueAsString(EventEnvelope.of(type, Instant.now(), snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RecordMetadata send(String topic, Integer partition, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
