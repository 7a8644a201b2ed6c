package io.innoleap.matcher.bench;

import io.innoleap.contracts.events.EventEnvelope;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.matcher.events.IntakeListeners;
import io.innoleap.matcher.matching.Docs;
import io.innoleap.matcher.matching.MatchQueries;
import io.innoleap.matcher.matching.MatchDiff;
import io.innoleap.matcher.matching.MatcherSettings;
import io.innoleap.matcher.matching.PublishRule;
import io.innoleap.matcher.matching.MatchingService;
import io.innoleap.matcher.ranking.Match;
import io.innoleap.matcher.ranking.MatchEngine;
import io.innoleap.matcher.ranking.MiniLmEmbedder;
import io.innoleap.matcher.ranking.TextEmbedder;
import io.innoleap.matcher.ranking.VectorCodec;
import io.innoleap.matcher.ranking.Vectors;
import io.innoleap.matcher.store.MatchRow;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.CpuShares;
import io.innoleap.testkit.ServiceTestProperties;
import io.innoleap.testkit.TestClock;
import io.innoleap.testkit.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.sql.DataSource;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The matcher end to end, through Kafka, on the real broker and database the tests use
 * (services/testkit): a base of profiles and open problems is stored, the service starts (rebuild,
 * first ranking of every list), then snapshots are produced onto the intake topics and the
 * benchmark times until the matcher has applied them all and published their match events.
 *
 * <p>Scenarios:
 * <ul>
 *   <li>{@code burst}: {@code --burst N} new problem statements at once (or at {@code --rate}/s).
 *       Prints snapshots/s, events per snapshot, the bare embedding rate of the same texts batched
 *       as the service batches (measured before and after the burst, in the same JVM), the ratio,
 *       p50/p99 latency from produce to the problem's first match event, and heap.</li>
 *   <li>{@code import}: {@code --import-problems} problem statements, then {@code --import-profiles}
 *       profiles, at {@code --rate}/s; prints how long after the last write the lists settle.</li>
 * </ul>
 * Base texts are generated ({@link SyntheticCorpus}) and embedded with the real model; their vectors
 * are kept in {@code --vector-cache} so later runs start fast. {@code --synthetic-vectors} skips the
 * model for the base (for rebuild and memory figures at 100k profiles).
 */
public final class EndToEndBenchmark {

    private static final int SERVICE_BATCH = 64; // max.poll.records of the matcher's listeners
    private static final int DIM = 384;

    private int profiles = 10_000;
    private int problems = 3_000;
    private int burst = 1_000;
    private int warmup = 1_000;
    private long maxWarmupMillis = 180_000;
    private int importProblems = 40;
    private int importProfiles = 100;
    private String scenario = "burst";
    private double rate = 0;
    private boolean syntheticVectors;
    private boolean restart;
    private long seed = 42;
    private Path vectorCache = Path.of("services/matcher-bench/target/bench-vectors.bin");

    public static void main(String[] args) throws Exception {
        EndToEndBenchmark b = new EndToEndBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--profiles" -> b.profiles = Integer.parseInt(args[++i]);
                case "--problems" -> b.problems = Integer.parseInt(args[++i]);
                case "--burst" -> b.burst = Integer.parseInt(args[++i]);
                case "--warmup" -> b.warmup = Integer.parseInt(args[++i]);
                case "--max-warmup-seconds" -> b.maxWarmupMillis = Long.parseLong(args[++i]) * 1000;
                case "--import-problems" -> b.importProblems = Integer.parseInt(args[++i]);
                case "--import-profiles" -> b.importProfiles = Integer.parseInt(args[++i]);
                case "--scenario" -> b.scenario = args[++i];
                case "--rate" -> b.rate = Double.parseDouble(args[++i]);
                case "--synthetic-vectors" -> b.syntheticVectors = true;
                case "--restart" -> b.restart = true;
                case "--seed" -> b.seed = Long.parseLong(args[++i]);
                case "--vector-cache" -> b.vectorCache = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; see the README");
            }
        }
        b.run();
        System.exit(0); // the broker's child JVM and client threads: end here
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "JVM %s, %d cores, max heap %d MB, Vector API %s, load average %.1f%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, MatchEngine.vectorApiEnabled(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Map<String, Object> props = new HashMap<>(ServiceTestProperties.forService("matcher-bench").build());
        props.remove(TestClock.START_PROPERTY); // not a test: the service runs on the system clock
        props.put("logger.levels.io.innoleap", "WARN");
        String group = IntakeListeners.GROUP + props.get("innoleap.kafka.group-suffix");

        SyntheticCorpus corpus = new SyntheticCorpus(seed, Instant.now());
        List<SolutionProfileSnapshot> baseProfiles = new ArrayList<>();
        for (int i = 0; i < profiles; i++) {
            baseProfiles.add(corpus.profile(new UUID(seed, i)));
        }
        List<ProblemStatementSnapshot> baseProblems = new ArrayList<>();
        for (int i = 0; i < problems; i++) {
            baseProblems.add(corpus.problem(new UUID(seed + 1, i)));
        }
        storeBase(props, baseProfiles, baseProblems);
        baseProfiles = null;
        baseProblems = null;

        long t0 = System.nanoTime();
        ApplicationContext ctx = ApplicationContext.run(props);
        MatchingService.RebuildStats stats = ctx.getBean(MatchingService.class).rebuildStats();
        System.out.printf(Locale.ROOT, "start with %,d profiles and %,d open problems stored: engine rebuilt in %,d ms; "
                        + "first ranking of %,d lists (%,d match events) ; context up in %,d ms%n",
                stats.profiles(), stats.problems(), stats.millis(), stats.reRanked(), stats.changes(),
                (System.nanoTime() - t0) / 1_000_000);
        if (!restart) {
            awaitConsuming(group);
        }
        awaitOutboxDrained(ctx, Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "heap used after start (after GC): %,d MB%n", usedHeapMb());
        if (restart) {
            ctx.close();
            t0 = System.nanoTime();
            ctx = ApplicationContext.run(props);
            long upNanos = System.nanoTime() - t0;
            stats = ctx.getBean(MatchingService.class).rebuildStats();
            awaitConsuming(group);
            System.out.printf(Locale.ROOT, "restart: engine rebuilt in %,d ms (%,d profiles, %,d problems, %d embedded, "
                            + "%d lists re-ranked); context up in %,d ms; heap used %,d MB%n", stats.millis(),
                    stats.profiles(), stats.problems(), stats.embedded(), stats.reRanked(),
                    upNanos / 1_000_000, usedHeapMb());
        }
        try (Admin admin = admin(); MatchTopicWatch watch = new MatchTopicWatch(admin)) {
            switch (scenario) {
                case "burst" -> burst(ctx, corpus, admin, group, watch);
                case "import" -> importScenario(ctx, corpus, admin, group, watch);
                case "none" -> { }
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        } finally {
            ctx.close();
        }
    }

    // ------------------------------------------------------------------ scenarios

    private void burst(ApplicationContext ctx, SyntheticCorpus corpus, Admin admin, String group, MatchTopicWatch watch)
            throws Exception {
        if (burst <= 0) {
            return;
        }
        List<ProblemStatementSnapshot> fresh = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            fresh.add(corpus.problem(new UUID(seed + 2, i)));
        }
        List<String> texts = fresh.stream().map(s -> Docs.problem(s).text()).toList();
        // The bare model (warmed on the texts once: measured cold, it ran 10-23 % slower than after the
        // burst) and the watch on innoleap.matches run before the warm-up, so that nothing but the burst
        // follows its last round: run between them, they left the JIT compiling 1.6-3.0 s of the burst;
        // now 0.6-1.4 s.
        TextEmbedder bare = new MiniLmEmbedder();
        bareRate(bare, texts);
        CpuShares.Snapshot bareStart = CpuShares.take();
        double bareBefore = bareRate(bare, texts);
        CpuShares.Usage bareCpu = CpuShares.take().minus(bareStart);
        watch.start();
        if (warmup > 0) {
            // A service that has just started runs cold: measured, the JIT compiled for 15 s during a
            // 32 s burst, and one round of 1,000 warm-up statements still left it compiling 20 s of 25.
            // Warm it with rounds of new problem statements that open and then close again (so the
            // burst meets the stored base as it was) until the JIT takes under 5 % of a round's CPU.
            int cores = Runtime.getRuntime().availableProcessors();
            long warmStart = System.currentTimeMillis();
            for (int round = 0; ; round++) {
                List<ProblemStatementSnapshot> opened = new ArrayList<>();
                for (int i = 0; i < warmup; i++) {
                    opened.add(corpus.problem(new UUID(seed + 5, (long) round * warmup + i)));
                }
                List<ProblemStatementSnapshot> closed = opened.stream().map(EndToEndBenchmark::closed).toList();
                long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                long t0 = System.currentTimeMillis();
                produce(ctx, opened, ProblemStatementSnapshot.PUBLISHED, new ConcurrentHashMap<>());
                awaitCaughtUp(admin, group, Duration.ofMinutes(30));
                produce(ctx, closed, ProblemStatementSnapshot.CLOSED, new ConcurrentHashMap<>());
                awaitCaughtUp(admin, group, Duration.ofMinutes(30));
                awaitOutboxDrained(ctx, Duration.ofMinutes(10));
                long wall = System.currentTimeMillis() - t0;
                long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
                double share = jit / (double) (wall * cores);
                System.out.printf(Locale.ROOT, "warm-up round %d: %,d problem statements opened and closed again in %.1f s "
                        + "(JIT compiling %,d ms meanwhile, %.0f %% of the cores)%n", round + 1, warmup, wall / 1000.0, jit,
                        100 * share);
                if (share < 0.05 || System.currentTimeMillis() - warmStart > maxWarmupMillis) {
                    break;
                }
            }
        }
        Map<String, Double> eventsBefore = events(ctx);
        CpuShares.Snapshot cpuBefore = CpuShares.take();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long start = System.currentTimeMillis();
        produce(ctx, fresh, ProblemStatementSnapshot.PUBLISHED, sentAt);
        long produced = System.currentTimeMillis();
        long applied = awaitCaughtUp(admin, group, Duration.ofMinutes(30));
        awaitOutboxDrained(ctx, Duration.ofMinutes(10));
        long published = System.currentTimeMillis();
        CpuShares.Usage cpu = CpuShares.take().minus(cpuBefore);
        watch.awaitQuiet();
        Map<String, Double> eventsAfter = events(ctx);
        double bareAfter = bareRate(bare, texts);

        double seconds = (applied - start) / 1000.0;
        double rateApplied = burst / seconds;
        double bareMean = (bareBefore + bareAfter) / 2;
        Map<String, Double> delta = new HashMap<>();
        eventsAfter.forEach((k, v) -> delta.put(k, v - eventsBefore.getOrDefault(k, 0.0)));
        double total = delta.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Long> latencies = new ArrayList<>();
        watch.firstEventByProblem().forEach((problem, ts) -> {
            Long sent = sentAt.get(problem);
            if (sent != null) {
                latencies.add(ts - sent);
            }
        });
        latencies.sort(Long::compare);

        System.out.printf(Locale.ROOT, "%nburst: %,d new problem statements against %,d profiles and %,d open problems%n",
                burst, profiles, problems);
        System.out.printf(Locale.ROOT, "  produced in %.2f s; all applied (offsets committed) %.2f s after the first "
                + "record, events published %.2f s after%n", (produced - start) / 1000.0, seconds,
                (published - start) / 1000.0);
        System.out.printf(Locale.ROOT, "  service apply rate:      %7.1f snapshots/s%n", rateApplied);
        System.out.printf(Locale.ROOT, "  bare embedding rate:     %7.1f texts/s (batches of %d; before %.1f, after %.1f)%n",
                bareMean, SERVICE_BATCH, bareBefore, bareAfter);
        System.out.printf(Locale.ROOT, "  ratio service / bare:    %7.0f %%%n", 100 * rateApplied / bareMean);
        System.out.printf(Locale.ROOT, "  match events:            %,d (%s) = %.2f per snapshot%n", (long) total,
                delta, total / burst);
        System.out.printf(Locale.ROOT, "  produce -> first match event: p50 %,d ms, p99 %,d ms (%d problems with matches)%n",
                percentile(latencies, 50), percentile(latencies, 99), latencies.size());
        System.out.printf(Locale.ROOT, "  CPU per text, bare embedding: %s%n", bareCpu.perOperation(texts.size()));
        System.out.printf(Locale.ROOT, "  CPU per snapshot, service:    %s%n", cpu.perOperation(burst));
        System.out.printf(Locale.ROOT, "  this JVM by thread, per snapshot: %s; %s%n", cpu.serviceThreadsPerOperation(burst, 10),
                cpu.vmActivity());
        System.out.printf(Locale.ROOT, "  heap used after the burst (after GC): %,d MB%n", usedHeapMb());
        verifyAllLists(ctx);
    }

    /**
     * Every stored list holds the engine's top K now to the step (nothing left out scores a step above a
     * listed pair), and read in the order consumers read it (score, published rank, profile id) it
     * never puts a pair above one the engine scores at least a step higher: the burst's own lists and
     * every list it changed.
     */
    private static void verifyAllLists(ApplicationContext ctx) {
        MatchEngine engine = ctx.getBean(MatchEngine.class);
        PublishRule rule = ctx.getBean(MatcherSettings.class).publishRule();
        Map<UUID, List<UUID>> stored = new java.util.LinkedHashMap<>();
        for (MatchRow r : ctx.getBean(MatchQueries.class).allActive()) {
            stored.computeIfAbsent(r.problemStatementId(), k -> new ArrayList<>()).add(r.solutionProfileId());
        }
        int readOtherwise = 0;
        int heldOver = 0;
        for (Map.Entry<UUID, List<UUID>> e : stored.entrySet()) {
            List<Match> ranked = rule.window(engine, e.getKey());
            MatchDiff.disagreement(e.getValue(), ranked, engine.config().topK(), rule).ifPresent(wrong -> {
                throw new IllegalStateException("list of " + e.getKey() + " " + wrong);
            });
            List<UUID> top = ranked.stream().limit(engine.config().topK()).map(Match::profileId).toList();
            if (!Set.copyOf(e.getValue()).equals(Set.copyOf(top))) {
                heldOver++;
            } else if (!e.getValue().equals(top)) {
                readOtherwise++;
            }
        }
        System.out.printf(Locale.ROOT, "  checked: all %,d stored lists hold the engine's top %d to the step and, read "
                        + "in published order, are its ranking to the step (%,d hold a pair just below the K-th "
                        + "within a step, %,d more read in another order within a step)%n",
                stored.size(), engine.config().topK(), heldOver, readOtherwise);
    }

    /** Produces problem statements onto their intake topic at --rate, noting when each was sent. */
    private void produce(ApplicationContext ctx, List<ProblemStatementSnapshot> snapshots, String type, Map<String, Long> sentAt)
            throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            JsonMapper json = ctx.getBean(JsonMapper.class);
            paced(snapshots.size(), i -> {
                ProblemStatementSnapshot s = snapshots.get(i);
                sentAt.put(s.id().toString(), System.currentTimeMillis());
                producer.send(new ProducerRecord<>(Topics.PROBLEM_STATEMENTS_NAME, s.id().toString(),
                        envelope(json, type, s)));
            });
            producer.flush();
        }
    }

    private void importScenario(ApplicationContext ctx, SyntheticCorpus corpus, Admin admin, String group,
                                MatchTopicWatch watch) throws Exception {
        List<ProblemStatementSnapshot> newProblems = new ArrayList<>();
        for (int i = 0; i < importProblems; i++) {
            newProblems.add(corpus.problem(new UUID(seed + 3, i)));
        }
        List<SolutionProfileSnapshot> newProfiles = new ArrayList<>();
        for (int i = 0; i < importProfiles; i++) {
            newProfiles.add(corpus.profile(new UUID(seed + 4, i)));
        }
        Map<String, Double> eventsBefore = events(ctx);
        watch.start();
        JsonMapper json = ctx.getBean(JsonMapper.class);
        long first = System.currentTimeMillis();
        AtomicLong last = new AtomicLong();
        try (KafkaProducer<String, String> producer = producer()) {
            int n = newProblems.size() + newProfiles.size();
            paced(n, i -> {
                ProducerRecord<String, String> r = i < newProblems.size()
                        ? new ProducerRecord<>(Topics.PROBLEM_STATEMENTS_NAME, newProblems.get(i).id().toString(),
                        envelope(json, ProblemStatementSnapshot.PUBLISHED, newProblems.get(i)))
                        : new ProducerRecord<>(Topics.SOLUTION_PROFILES_NAME,
                        newProfiles.get(i - newProblems.size()).id().toString(),
                        envelope(json, SolutionProfileSnapshot.REGISTERED, newProfiles.get(i - newProblems.size())));
                try {
                    producer.send(r).get(); // acknowledged: the write happened
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                last.set(System.currentTimeMillis());
            });
        }
        awaitCaughtUp(admin, group, Duration.ofMinutes(10));
        awaitOutboxDrained(ctx, Duration.ofMinutes(5));
        watch.awaitQuiet();
        long settled = watch.lastEventAt();
        Map<String, Double> eventsAfter = events(ctx);
        double total = eventsAfter.entrySet().stream()
                .mapToDouble(e -> e.getValue() - eventsBefore.getOrDefault(e.getKey(), 0.0)).sum();
        System.out.printf(Locale.ROOT, "%nimport: %d problem statements then %d profiles at %s, on top of %,d profiles "
                        + "and %,d open problems%n", importProblems, importProfiles,
                rate > 0 ? String.format(Locale.ROOT, "%.0f/s", rate) : "full speed", profiles, problems);
        System.out.printf(Locale.ROOT, "  writes took %.2f s; the last match event was published %,d ms after the last "
                + "write (every list final then); %,d match events%n", (last.get() - first) / 1000.0,
                settled - last.get(), (long) total);
        verifyAllLists(ctx);
    }

    // ------------------------------------------------------------------ measuring

    /** Texts per second through the model alone, in the service's batch size. */
    private static double bareRate(TextEmbedder model, List<String> texts) {
        long t0 = System.nanoTime();
        for (int from = 0; from < texts.size(); from += SERVICE_BATCH) {
            model.embedAll(texts.subList(from, Math.min(texts.size(), from + SERVICE_BATCH)));
        }
        return texts.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static Map<String, Double> events(ApplicationContext ctx) {
        Map<String, Double> out = new HashMap<>();
        for (Counter c : ctx.getBean(MeterRegistry.class).find("innoleap.matcher.match.events").counters()) {
            out.merge(c.getId().getTag("type").replace("Match", "") + "/" + c.getId().getTag("reason"), c.count(), Double::sum);
        }
        return out;
    }

    private interface Send {
        void send(int i) throws Exception;
    }

    /** Calls send(0..n-1) at --rate per second (0: as fast as possible). */
    private void paced(int n, Send send) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (rate > 0) {
                long due = t0 + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            send.send(i);
        }
    }

    /**
     * Waits until the matcher's group has committed every intake record produced so far. Called after the
     * producing is done, so the topics' ends are read once; while waiting, one offset request every 20 ms
     * (reading the ends each time too was four requests, about 0.5 ms of this JVM's CPU per snapshot and
     * more of the broker's, taken from the service it measures).
     */
    private static long awaitCaughtUp(Admin admin, String group, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        intakePartitions(admin).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            boolean done = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            if (done) {
                return System.currentTimeMillis();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the matcher did not catch up within " + max);
    }

    /**
     * As a user meets it: a service that is up, its consumers settled on their partitions. Called as
     * soon as the context is up; prints how long the group took from then.
     */
    private void awaitConsuming(String group) throws Exception {
        if ("none".equals(scenario)) {
            return;
        }
        long upAt = System.currentTimeMillis();
        try (Admin admin = admin()) {
            long formed = awaitGroupSettled(admin, group, Duration.ofMinutes(2));
            System.out.printf(Locale.ROOT, "consumer group stable with every intake partition assigned %,d ms after the "
                    + "context was up%n", formed - upAt);
        }
    }

    /** Every partition of the two intake topics. */
    private static Set<TopicPartition> intakePartitions(Admin admin) throws Exception {
        Set<TopicPartition> intake = new HashSet<>();
        for (String topic : List.of(Topics.PROBLEM_STATEMENTS_NAME, Topics.SOLUTION_PROFILES_NAME)) {
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> intake.add(new TopicPartition(topic, p.partition())));
        }
        return intake;
    }

    /**
     * Waits until the matcher's consumer group is stable with every partition of both intake topics
     * assigned to a member (a service just started is still forming its group: its six consumers
     * join one after another, and each join is a rebalance during which nothing is consumed).
     */
    private static long awaitGroupSettled(Admin admin, String group, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        Set<TopicPartition> intake = intakePartitions(admin);
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            Set<TopicPartition> assigned = new HashSet<>();
            d.members().forEach(m -> assigned.addAll(m.assignment().topicPartitions()));
            if (d.state() == ConsumerGroupState.STABLE && assigned.containsAll(intake)) {
                return System.currentTimeMillis();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the matcher's consumer group did not settle within " + max);
    }

    private static void awaitOutboxDrained(ApplicationContext ctx, Duration max) throws InterruptedException {
        OutboxRepository outbox = ctx.getBean(OutboxRepository.class);
        long deadline = System.nanoTime() + max.toNanos();
        while (outbox.countUnpublished() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("outbox not drained within " + max);
            }
            Thread.sleep(20);
        }
    }

    private static long usedHeapMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }

    // ------------------------------------------------------------------ the base population

    /** Stores the base snapshots with their vectors, as the service itself would have stored them. */
    private void storeBase(Map<String, Object> props, List<SolutionProfileSnapshot> baseProfiles,
                      List<ProblemStatementSnapshot> baseProblems) throws Exception {
        long t0 = System.nanoTime();
        List<String> texts = new ArrayList<>();
        baseProfiles.forEach(s -> texts.add(Docs.profile(s).text()));
        baseProblems.forEach(s -> texts.add(Docs.problem(s).text()));
        Map<String, float[]> vectors = syntheticVectors ? synthetic(baseProfiles, baseProblems) : embedded(texts);
        long embeddedAt = System.nanoTime();
        // A first start creates the schema (Flyway); the base goes in through its data source.
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            JsonMapper json = ctx.getBean(JsonMapper.class);
            MatchEngine engine = ctx.getBean(MatchEngine.class);
            DataSource ds = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                String insert = " (id, version, status, snapshot, received_at, embedding_key, vector) VALUES (?,?,?,?,?,?,?)";
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO solution_profile" + insert);
                     PreparedStatement pb = c.prepareStatement("INSERT INTO problem_statement" + insert);
                     PreparedStatement emb = c.prepareStatement(
                             "INSERT INTO embedding (cache_key, vector, created_at) VALUES (?,?,?)")) {
                    int n = 0;
                    for (SolutionProfileSnapshot s : baseProfiles) {
                        String text = Docs.profile(s).text();
                        row(ps, s.id(), "ACTIVE", json.writeValueAsString(s), engine.embeddingKey(Docs.profile(s)),
                                vectors.get(text));
                        cacheRow(emb, engine.embeddingKey(Docs.profile(s)), vectors.get(text));
                        if (++n % 1000 == 0) {
                            ps.executeBatch();
                            emb.executeBatch();
                        }
                    }
                    for (ProblemStatementSnapshot s : baseProblems) {
                        String text = Docs.problem(s).text();
                        row(pb, s.id(), "OPEN", json.writeValueAsString(s), engine.embeddingKey(Docs.problem(s)),
                                vectors.get(text));
                        cacheRow(emb, engine.embeddingKey(Docs.problem(s)), vectors.get(text));
                        if (++n % 1000 == 0) {
                            pb.executeBatch();
                            emb.executeBatch();
                        }
                    }
                    ps.executeBatch();
                    pb.executeBatch();
                    emb.executeBatch();
                }
                // As if these had been consumed by an earlier version: the next start ranks every list once.
                try (PreparedStatement st = c.prepareStatement("DELETE FROM matcher_state")) {
                    st.executeUpdate();
                }
                c.commit();
            }
        }
        System.out.printf(Locale.ROOT, "base: %,d profiles + %,d open problems (%s vectors, %.1f s), stored in %.1f s%n",
                baseProfiles.size(), baseProblems.size(), syntheticVectors ? "synthetic" : "model",
                (embeddedAt - t0) / 1e9, (System.nanoTime() - embeddedAt) / 1e9);
    }

    private static void row(PreparedStatement ps, UUID id, String status, String json, String key, float[] v)
            throws Exception {
        ps.setString(1, id.toString());
        ps.setLong(2, 0);
        ps.setString(3, status);
        ps.setString(4, json);
        ps.setTimestamp(5, Timestamp.from(Instant.now()));
        ps.setString(6, key);
        ps.setBytes(7, VectorCodec.encode(v));
        ps.addBatch();
    }

    private static void cacheRow(PreparedStatement ps, String key, float[] v) throws Exception {
        ps.setString(1, key);
        ps.setBytes(2, VectorCodec.encode(v));
        ps.setTimestamp(3, Timestamp.from(Instant.now()));
        ps.addBatch();
    }

    /** Real model vectors, kept in a file between runs (keyed by text). */
    private Map<String, float[]> embedded(List<String> texts) throws IOException {
        Map<String, float[]> cache = readCache();
        List<String> missing = texts.stream().distinct().filter(t -> !cache.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            System.out.printf(Locale.ROOT, "embedding %,d base texts with the model (kept in %s for later runs)...%n",
                    missing.size(), vectorCache);
            TextEmbedder model = new MiniLmEmbedder();
            for (int from = 0; from < missing.size(); from += SERVICE_BATCH) {
                List<String> chunk = missing.subList(from, Math.min(missing.size(), from + SERVICE_BATCH));
                List<float[]> v = model.embedAll(chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    cache.put(chunk.get(i), v.get(i));
                }
            }
            writeCache(cache);
        }
        return cache;
    }

    private Map<String, float[]> readCache() throws IOException {
        Map<String, float[]> out = new HashMap<>();
        if (!Files.exists(vectorCache)) {
            return out;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(vectorCache)))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String text = in.readUTF();
                float[] v = new float[in.readInt()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readFloat();
                }
                out.put(text, v);
            }
        }
        return out;
    }

    private void writeCache(Map<String, float[]> cache) throws IOException {
        Files.createDirectories(vectorCache.toAbsolutePath().getParent());
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(vectorCache)))) {
            out.writeInt(cache.size());
            for (Map.Entry<String, float[]> e : cache.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unit vectors near their themes' centroids: no model, for rebuild and memory at large sizes. */
    private Map<String, float[]> synthetic(List<SolutionProfileSnapshot> ps, List<ProblemStatementSnapshot> qs) {
        Random random = new Random(seed);
        Map<String, float[]> centroids = new HashMap<>();
        for (String t : SyntheticCorpus.THEMES) {
            centroids.put(t, gaussian(random));
        }
        Map<String, float[]> out = new HashMap<>();
        ps.forEach(s -> out.put(Docs.profile(s).text(), near(random, centroids, s.themes())));
        qs.forEach(s -> out.put(Docs.problem(s).text(), near(random, centroids, s.themes())));
        return out;
    }

    private static float[] near(Random random, Map<String, float[]> centroids, List<String> themes) {
        float[] v = gaussian(random);
        for (String t : themes) {
            float[] c = centroids.get(t);
            for (int i = 0; i < DIM; i++) {
                v[i] += 1.5f * c[i] / themes.size();
            }
        }
        return Vectors.normalize(v);
    }

    private static float[] gaussian(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalize(v);
    }

    // ------------------------------------------------------------------ Kafka

    private static ProblemStatementSnapshot closed(ProblemStatementSnapshot p) {
        return new ProblemStatementSnapshot(p.id(), p.agency(), p.title(), p.description(), p.themes(), p.horizon(),
                p.contact(), ProblemStatementStatus.CLOSED, p.version() + 1, p.createdAt(), p.updatedAt().plusSeconds(1));
    }

    private static String envelope(JsonMapper json, String type, Object snapshot) {
        try {
            return json.writeValueAsString(EventEnvelope.of(type, Instant.now(), snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, CpuShares.LOAD_THREAD_PREFIX + "producer");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, CpuShares.LOAD_THREAD_PREFIX + "admin");
        return Admin.create(p);
    }

    /** Reads innoleap.matches from its end on: first event per problem and the time of the last event. */
    private static final class MatchTopicWatch implements AutoCloseable {
        private final Admin admin;
        private final Map<String, Long> firstByProblem = new ConcurrentHashMap<>();
        private final AtomicLong lastAt = new AtomicLong();
        private final AtomicLong lastSeenNanos = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();
        private Thread thread;

        MatchTopicWatch(Admin admin) {
            this.admin = admin;
        }

        void start() throws Exception {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(List.of(Topics.MATCHES_NAME)).allTopicNames().get().get(Topics.MATCHES_NAME)
                    .partitions().forEach(p -> partitions.add(new TopicPartition(Topics.MATCHES_NAME, p.partition())));
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, CpuShares.LOAD_THREAD_PREFIX + "match-watch");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before anything is produced
            lastSeenNanos.set(System.nanoTime());
            thread = new Thread(() -> {
                try (consumer) {
                    while (!stop.get()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                            String problem = r.key().substring(0, r.key().indexOf(':'));
                            firstByProblem.putIfAbsent(problem, r.timestamp());
                            lastAt.accumulateAndGet(r.timestamp(), Math::max);
                            lastSeenNanos.set(System.nanoTime());
                        }
                    }
                }
            }, CpuShares.LOAD_THREAD_PREFIX + "match-watch");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits until no event has arrived for a second (the outbox is drained before this is called). */
        void awaitQuiet() throws InterruptedException {
            while (System.nanoTime() - lastSeenNanos.get() < 1_000_000_000L) {
                Thread.sleep(50);
            }
        }

        Map<String, Long> firstEventByProblem() {
            return firstByProblem;
        }

        long lastEventAt() {
            return lastAt.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            if (thread != null) {
                thread.join(5000);
            }
        }
    }
}
