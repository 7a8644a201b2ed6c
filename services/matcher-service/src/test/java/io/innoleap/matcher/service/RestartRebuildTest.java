package io.innoleap.matcher.service;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.matcher.events.IntakeListeners;
import io.innoleap.matcher.matching.MatchDiff;
import io.innoleap.matcher.matching.PublishRule;
import io.innoleap.matcher.matching.MatchingService;
import io.innoleap.matcher.matching.SharedEmbedder;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.store.DatabaseEmbeddingCache;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TopicProbe;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the service and starts a new one on the same database and consumer group: the engine is
 * rebuilt from the stored snapshots and cached embeddings (nothing re-embedded), ranks exactly
 * what was stored, and carries on with new records; restarted with other ranking settings, it
 * re-ranks once and publishes only the differences.
 */
class RestartRebuildTest {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Test
    void aRestartRebuildsTheSameMatchesWithoutReEmbedding() {
        Map<String, Object> props = new java.util.HashMap<>(ServiceTestProperties.forService("matcher-restart").actingAs("office").build());
        Dataset d = new Dataset("restart-" + UUID.randomUUID().toString().substring(0, 8));
        String group = IntakeListeners.GROUP + props.get("innoleap.kafka.group-suffix");

        Map<UUID, List<Map<String, Object>>> before;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
             Intake intake = new Intake(server.getApplicationContext().getBean(JsonMapper.class), group)) {
            intake.publish(d);
            intake.awaitCaughtUp();
            awaitOutboxDrained(server.getApplicationContext());
            assertThat(server.getApplicationContext().getBean(SharedEmbedder.class).embeddedTexts())
                    .as("every text of this data set was embedded once, live").isGreaterThanOrEqualTo(9);
            before = matchesOf(http, d);
            assertThat(before.get(d.busBunching.id())).hasSize(3);
        }

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
             Intake intake = new Intake(server.getApplicationContext().getBean(JsonMapper.class), group)) {
            ApplicationContext ctx = server.getApplicationContext();
            MatchingService.RebuildStats stats = ctx.getBean(MatchingService.class).rebuildStats();
            System.out.printf("Rebuild on restart: %d open problem statements, %d active profiles, %d embedded, %d ms%n",
                    stats.problems(), stats.profiles(), stats.embedded(), stats.millis());
            assertThat(stats.profiles()).isGreaterThanOrEqualTo(d.profiles().size());
            assertThat(stats.problems()).isGreaterThanOrEqualTo(d.problems().size());
            assertThat(stats.embedded()).isZero();
            assertThat(stats.cacheLookups()).as("vectors come with the snapshot rows").isZero();
            assertThat(stats.reRanked()).as("same settings: nothing recomputed, nothing published").isZero();
            assertThat(ctx.getBean(SharedEmbedder.class).embeddedTexts()).isZero();
            assertThat(ctx.getBean(DatabaseEmbeddingCache.class).misses()).isZero();

            // What REST shows is unchanged, and it is what the rebuilt engine ranks, to the step.
            assertThat(matchesOf(http, d)).isEqualTo(before);
            MatchEngine engine = ctx.getBean(MatchEngine.class);
            for (ProblemStatementSnapshot p : d.problems()) {
                List<Map<String, Object>> stored = before.get(p.id());
                List<Match> ranked = PublishRule.DEFAULT.window(engine, p.id());
                assertThat(MatchDiff.disagreement(stored.stream()
                        .map(m -> UUID.fromString((String) m.get("solutionProfileId"))).toList(), ranked,
                        engine.config().topK(), PublishRule.DEFAULT)).isEmpty();
                for (Map<String, Object> item : stored) {
                    // What was last published is within one score step of the current score.
                    double score = ranked.stream().filter(m -> m.profileId().toString().equals(item.get("solutionProfileId")))
                            .findFirst().orElseThrow().score();
                    assertThat(score).isCloseTo(((Number) item.get("score")).doubleValue(),
                            org.assertj.core.data.Offset.offset(PublishRule.DEFAULT.step()));
                }
            }

            // And it carries on: a new profile written for the dumping problem goes straight to the top.
            SolutionProfileSnapshot newcomer = Dataset.profile("TipOffMap", "Citizens report illegal dumping in "
                            + "nature reserves with photos; drone imagery confirms new dumping sites and rangers and "
                            + "enforcement officers get an alert at night.", List.of("illegal dumping", "reports"), 8,
                    d.theme("environment"));
            intake.awaitConsumed(intake.profile(newcomer));
            awaitOutboxDrained(ctx);
            assertThat(matchesOf(http, d).get(d.illegalDumping.id())).extracting(m -> m.get("solutionProfileId"))
                    .containsExactlyInAnyOrder(newcomer.id().toString(), d.reserveWatch.id().toString(),
                            d.openLake.id().toString());
            assertThat(ctx.getBean(SharedEmbedder.class).embeddedTexts()).isEqualTo(1);
        }

        // Restarted with a smaller top-K: every list is recomputed once and the pairs that fall off
        // are retracted (on REST and on innoleap.matches).
        props.put("innoleap.matcher.top-k", "2");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
             TopicProbe events = TopicProbe.of(Topics.MATCHES_NAME)) {
            ApplicationContext ctx = server.getApplicationContext();
            MatchingService.RebuildStats stats = ctx.getBean(MatchingService.class).rebuildStats();
            assertThat(stats.reRanked()).isGreaterThanOrEqualTo(d.problems().size());
            assertThat(stats.changes()).isGreaterThanOrEqualTo(d.problems().size());
            assertThat(ctx.getBean(SharedEmbedder.class).embeddedTexts()).isZero();
            Map<UUID, List<Map<String, Object>>> after = matchesOf(http, d);
            for (ProblemStatementSnapshot p : d.problems()) {
                assertThat(after.get(p.id())).hasSize(2);
            }
            assertThat(after.get(d.busBunching.id())).extracting(m -> m.get("solutionProfileId"))
                    .containsExactlyElementsOf(before.get(d.busBunching.id()).subList(0, 2).stream()
                            .map(m -> m.get("solutionProfileId")).toList());
            String dropped = d.busBunching.id() + ":" + before.get(d.busBunching.id()).get(2).get("solutionProfileId");
            events.await(r -> dropped.equals(r.key()) && r.value().contains("\"MatchRetracted\""), 1,
                    Duration.ofSeconds(30));
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
            out.put(p.id(), new ArrayList<>((List<Map<String, Object>>) body.get("items")));
        }
        return out;
    }
}
