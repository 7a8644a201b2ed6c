package io.innoleap.matcher.ranking;

import static io.innoleap.matcher.ranking.Samples.BUS;
import static io.innoleap.matcher.ranking.Samples.HEADWAY;
import static io.innoleap.matcher.ranking.Samples.PARKING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void readersSeeConsistentRankingsWhileOneWriterChurnsProfiles() throws Exception {
        MatchEngine engine = Samples.engine(MatchConfig.defaults().withMinScore(0));
        engine.upsertProfile(HEADWAY);
        engine.upsertProfile(PARKING);
        engine.upsertProblem(BUS);
        float[] headway = engine.embedding(HEADWAY);
        Random random = new Random(3);

        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        List<Match> ranked = engine.rank(BUS.id(), 1000);
                        // The two permanent profiles are always there, best first, scores in range.
                        assertThat(ranked).extracting(Match::profileId).contains(HEADWAY.id(), PARKING.id());
                        assertThat(ranked).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
                        assertThat(ranked).allMatch(m -> m.score() >= 0 && m.score() <= 1);
                        engine.scoreAgainstProblems(HEADWAY.id());
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
            readers.add(t);
            t.start();
        }
        // The writer adds and removes many profiles (with a cached vector, so no model time).
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        for (int i = 0; System.nanoTime() < deadline; i++) {
            UUID id = new UUID(9, random.nextInt(300));
            if (random.nextBoolean()) {
                float[] v = headway.clone();
                v[i % v.length] += 0.5f;
                engine.upsertProfile(new ProfileDoc(id, "Fleet tool " + i, "Bus fleet headway tool number " + i,
                        List.of("bus"), Set.of("transport"), 1 + i % 9, true), v);
            } else {
                engine.removeProfile(id);
            }
        }
        stop.set(true);
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).isEmpty();
        assertThat(engine.hasProfile(HEADWAY.id())).isTrue();
    }
}
