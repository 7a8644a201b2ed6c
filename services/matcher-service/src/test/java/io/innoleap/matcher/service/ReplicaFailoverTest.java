package io.innoleap.matcher.service;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.matcher.events.IntakeListeners;
import io.innoleap.matcher.matching.MatchDiff;
import io.innoleap.matcher.matching.MatchingService;
import io.innoleap.matcher.matching.PublishRule;
import io.innoleap.matcher.matching.WriterGate;
import io.innoleap.matcher.matching.WriterRole;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two matcher replicas in one JVM on one database and broker, each with its own consumer group:
 * both engines take every snapshot and agree; only the lease holder writes match rows and events
 * (no pair version is published twice); when the writer stops, the standby takes over within
 * seconds, publishes nothing the old writer already published, and writes the next snapshot's
 * matches once; a writer that dies without giving the lease up is replaced once the lease runs out.
 */
class ReplicaFailoverTest {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Test
    void oneWriterAmongWarmReplicasAndATakeOverWithinSeconds() throws Exception {
        Map<String, Object> base = new HashMap<>(ServiceTestProperties.forService("matcher-replicas")
                .actingAs("office").with("innoleap.matcher.replicas.enabled", "true").build());
        Map<String, Object> propsA = new HashMap<>(base);
        propsA.put("innoleap.matcher.replicas.group-suffix", "-a");
        Map<String, Object> propsB = new HashMap<>(base);
        propsB.put("innoleap.matcher.replicas.group-suffix", "-b");
        String groupA = IntakeListeners.GROUP + base.get("innoleap.kafka.group-suffix") + "-a";
        String groupB = IntakeListeners.GROUP + base.get("innoleap.kafka.group-suffix") + "-b";
        Dataset d = new Dataset("replicas-" + UUID.randomUUID().toString().substring(0, 8));
        Set<String> problemIds = d.problems().stream().map(p -> p.id().toString()).collect(Collectors.toSet());

        EmbeddedServer a = ApplicationContext.run(EmbeddedServer.class, propsA);
        EmbeddedServer b = null;
        try (TopicProbe events = TopicProbe.of(Topics.MATCHES_NAME)) { // after the first start has created the topic
            try {
                ApplicationContext ctxA = a.getApplicationContext();
                assertThat(ctxA.getBean(MatchingService.class).isWriter()).as("the first replica up writes").isTrue();
                b = ApplicationContext.run(EmbeddedServer.class, propsB);
                ApplicationContext ctxB = b.getApplicationContext();
                assertThat(ctxB.getBean(MatchingService.class).isWriter()).as("the second is a standby").isFalse();

                try (Intake intakeA = new Intake(ctxA.getBean(JsonMapper.class), groupA);
                     Intake intakeB = new Intake(ctxB.getBean(JsonMapper.class), groupB);
                     HttpClient httpA = ctxA.createBean(HttpClient.class, a.getURL());
                     HttpClient httpB = ctxB.createBean(HttpClient.class, b.getURL())) {
                    intakeA.publish(d);
                    intakeA.awaitCaughtUp();
                    intakeB.awaitCaughtUp();
                    awaitOutboxDrained(ctxA);

                    // Both engines took every snapshot and rank alike; both answer REST alike.
                    MatchEngine engineA = ctxA.getBean(MatchEngine.class);
                    MatchEngine engineB = ctxB.getBean(MatchEngine.class);
                    for (ProblemStatementSnapshot p : d.problems()) {
                        assertThat(engineA.rank(p.id())).isNotEmpty();
                        // Same pairs in the same order. Scores may differ slightly: the hubness term of
                        // a standby that took the snapshots in other batches can differ by a few
                        // hundredths (seen once: 0.517 against 0.496), a known open divergence.
                        List<io.innoleap.matcher.ranking.Match> rankedA = engineA.rank(p.id());
                        List<io.innoleap.matcher.ranking.Match> rankedB = engineB.rank(p.id());
                        assertThat(rankedB.stream().map(io.innoleap.matcher.ranking.Match::profileId).toList())
                                .isEqualTo(rankedA.stream().map(io.innoleap.matcher.ranking.Match::profileId).toList());
                        for (int i = 0; i < rankedA.size(); i++) {
                            assertThat(rankedB.get(i).score()).isCloseTo(rankedA.get(i).score(),
                                    org.assertj.core.data.Offset.offset(0.05));
                        }
                    }
                    Map<UUID, List<Map<String, Object>>> listed = matchesOf(httpA, d);
                    assertThat(matchesOf(httpB, d)).isEqualTo(listed);
                    assertStoredIsRanking(listed, engineA, d);

                    // Exactly one writer: every pair version of this data set is published once.
                    Set<String> listedKeys = listed.entrySet().stream().flatMap(e -> e.getValue().stream()
                            .map(m -> e.getKey() + ":" + m.get("solutionProfileId"))).collect(Collectors.toSet());
                    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ofDataset(events, problemIds).stream()
                            .map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(listedKeys));
                    assertNoPairVersionTwice(events, problemIds);
                    int eventsBefore = ofDataset(events, problemIds).size();

                    // The writer stops; the standby takes over.
                    long stop = System.currentTimeMillis();
                    a.close();
                    a = null;
                    WriterGate gateB = ctxB.getBean(WriterGate.class);
                    Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                            .until(gateB::isWriter);
                    long failover = gateB.becameWriterAtMillis() - stop;
                    System.out.printf("Matcher fail-over: the standby wrote as the writer %d ms after the writer stopped%n",
                            failover);
                    assertThat(failover).isLessThan(5_000);
                    awaitOutboxDrained(ctxB);
                    assertThat(ofDataset(events, problemIds)).as("the take-over agreed with what was published")
                            .hasSize(eventsBefore);

                    // A later snapshot: its matches are written by the new writer and published once.
                    SolutionProfileSnapshot newcomer = Dataset.profile("TipOffMap", "Citizens report illegal dumping "
                                    + "in nature reserves with photos; drone imagery confirms new dumping sites and "
                                    + "rangers and enforcement officers get an alert at night.",
                            List.of("illegal dumping", "reports"), 8, d.theme("environment"));
                    intakeB.awaitConsumed(intakeB.profile(newcomer));
                    awaitOutboxDrained(ctxB);
                    String pair = d.illegalDumping.id() + ":" + newcomer.id();
                    events.await(r -> pair.equals(r.key()) && r.value().contains("\"MatchProposed\""), 1,
                            Duration.ofSeconds(30));
                    Map<UUID, List<Map<String, Object>>> after = matchesOf(httpB, d);
                    assertThat(after.get(d.illegalDumping.id())).extracting(m -> m.get("solutionProfileId"))
                            .contains(newcomer.id().toString());
                    assertStoredIsRanking(after, engineB, d);
                    // anything published twice would be on the topic within a second
                    Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                            .until(() -> events.recordsWithKey(pair).size() == 1);
                    assertThat(events.recordsWithKey(pair)).hasSize(1);
                    assertNoPairVersionTwice(events, problemIds);

                    // A writer that dies without giving the lease up: a restarted replica waits it out.
                    a = ApplicationContext.run(EmbeddedServer.class, propsA);
                    ApplicationContext ctxA2 = a.getApplicationContext();
                    assertThat(ctxA2.getBean(MatchingService.class).isWriter()).as("b still writes").isFalse();
                    try (Intake intakeA2 = new Intake(ctxA2.getBean(JsonMapper.class), groupA)) {
                        intakeA2.awaitCaughtUp();
                        Field held = WriterRole.class.getDeclaredField("held");
                        held.setAccessible(true);
                        held.set(ctxB.getBean(WriterRole.class), null); // b forgets it: nothing is released on close
                        long died = System.currentTimeMillis();
                        b.close();
                        b = null;
                        WriterGate gateA2 = ctxA2.getBean(WriterGate.class);
                        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                                .until(gateA2::isWriter);
                        long leaseOut = gateA2.becameWriterAtMillis() - died;
                        System.out.printf("Matcher fail-over after a writer died (lease not released): %d ms%n",
                                leaseOut);
                        assertThat(leaseOut).isLessThan(15_000);
                        SolutionProfileSnapshot another = Dataset.profile("BinSpotter", "Night-time camera alerts "
                                        + "for illegal dumping at forest edges and nature reserves, sent to rangers.",
                                List.of("illegal dumping", "cameras"), 7, d.theme("environment"));
                        intakeA2.awaitConsumed(intakeA2.profile(another));
                        awaitOutboxDrained(ctxA2);
                        String pair2 = d.illegalDumping.id() + ":" + another.id();
                        events.await(r -> pair2.equals(r.key()) && r.value().contains("\"MatchProposed\""), 1,
                                Duration.ofSeconds(30));
                        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                                .until(() -> events.recordsWithKey(pair2).size() == 1);
                        assertThat(events.recordsWithKey(pair2)).hasSize(1);
                        assertNoPairVersionTwice(events, problemIds);
                    }
                }
            } finally {
                if (b != null) {
                    b.close();
                }
                if (a != null) {
                    a.close();
                }
            }
        }
    }

    private static List<ConsumerRecord<String, String>> ofDataset(TopicProbe events, Set<String> problemIds) {
        return events.records().stream()
                .filter(r -> r.key() != null && problemIds.contains(r.key().substring(0, r.key().indexOf(':'))))
                .toList();
    }

    /** Each (pair, version) at most once on innoleap.matches. */
    private static void assertNoPairVersionTwice(TopicProbe events, Set<String> problemIds) {
        Map<String, Long> counts = ofDataset(events, problemIds).stream().collect(Collectors.groupingBy(
                r -> r.key() + "@" + versionOf(r.value()), Collectors.counting()));
        assertThat(counts.values()).as("pair versions published: %s", counts).allMatch(c -> c == 1);
    }

    private static String versionOf(String json) {
        int i = json.lastIndexOf("\"version\":");
        int j = i + "\"version\":".length();
        int k = j;
        while (k < json.length() && Character.isDigit(json.charAt(k))) {
            k++;
        }
        return json.substring(j, k);
    }

    private static void assertStoredIsRanking(Map<UUID, List<Map<String, Object>>> listed, MatchEngine engine,
                                              Dataset d) {
        for (ProblemStatementSnapshot p : d.problems()) {
            List<UUID> read = listed.get(p.id()).stream().map(m -> UUID.fromString((String) m.get("solutionProfileId")))
                    .toList();
            assertThat(MatchDiff.disagreement(read, PublishRule.DEFAULT.window(engine, p.id()), engine.config().topK(),
                    PublishRule.DEFAULT)).isEmpty();
        }
    }

    private static void awaitOutboxDrained(ApplicationContext ctx) {
        OutboxRepository outbox = ctx.getBean(OutboxRepository.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> outbox.countUnpublished() == 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<UUID, List<Map<String, Object>>> matchesOf(HttpClient http, Dataset d) {
        Map<UUID, List<Map<String, Object>>> out = new java.util.LinkedHashMap<>();
        for (ProblemStatementSnapshot p : d.problems()) {
            Map<String, Object> body = http.toBlocking().retrieve(
                    HttpRequest.GET("/api/matches?problemStatementId=" + p.id()), MAP);
            out.put(p.id(), new java.util.ArrayList<>((List<Map<String, Object>>) body.get("items")));
        }
        return out;
    }
}
