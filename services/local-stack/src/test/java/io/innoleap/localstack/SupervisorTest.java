package io.innoleap.localstack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The back-off of restarts, what the console says, and that a stop is never undone by a restart. */
class SupervisorTest {

    @Test
    void theDelayDoublesFromOneSecondUpToThirty() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 20).stream().map(f -> Supervisor.delay(f).toSeconds()))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void aPartThatDiesIsStartedAgainAndTheConsoleSaysSo() {
        List<String> console = new CopyOnWriteArrayList<>();
        Supervisor supervisor = new Supervisor(console::add);
        try {
            Fake first = new Fake();
            AtomicInteger starts = new AtomicInteger();
            AtomicBoolean healthy = new AtomicBoolean();
            Supervisor.Part part = supervisor.watch("problem-service", first, () -> {
                starts.incrementAndGet();
                return new Fake();
            }, healthy::get, Duration.ofSeconds(30));

            first.die("137");
            await().atMost(Duration.ofSeconds(10)).until(() -> starts.get() == 1);
            assertThat(console.get(0)).isEqualTo("problem-service exited (137); restarting in 1 s (restart 1)");
            healthy.set(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> console.size() == 2);
            assertThat(console.get(1)).startsWith("problem-service healthy again (").endsWith(" s after it exited)");
            assertThat(part.current()).isNotSameAs(first);

            // It died again soon after: the next wait is twice as long.
            ((Fake) part.current()).die("1");
            await().atMost(Duration.ofSeconds(10)).until(() -> console.size() == 3);
            assertThat(console.get(2)).isEqualTo("problem-service exited (1); restarting in 2 s (restart 2)");
            await().atMost(Duration.ofSeconds(10)).until(() -> starts.get() == 2);
        } finally {
            supervisor.stop();
        }
    }

    @Test
    void aStartThatFailsIsTriedAgainWithTheNextDelay() {
        List<String> console = new CopyOnWriteArrayList<>();
        Supervisor supervisor = new Supervisor(console::add);
        try {
            Fake first = new Fake();
            AtomicInteger attempts = new AtomicInteger();
            supervisor.watch("Kafka broker", first, () -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("port taken\nmore detail");
                }
                return new Fake();
            }, null, Duration.ZERO);
            first.die(null);
            await().atMost(Duration.ofSeconds(15)).until(() -> attempts.get() == 2 && console.size() == 3);
            assertThat(console).containsExactly("Kafka broker exited; restarting in 1 s (restart 1)",
                    "Kafka broker did not start again (port taken); trying again in 2 s",
                    console.get(2));
            assertThat(console.get(2)).startsWith("Kafka broker running again (");
        } finally {
            supervisor.stop();
        }
    }

    @Test
    void nothingIsRestartedOnceStopped() throws InterruptedException {
        List<String> console = new CopyOnWriteArrayList<>();
        Supervisor supervisor = new Supervisor(console::add);
        Fake first = new Fake();
        AtomicInteger starts = new AtomicInteger();
        supervisor.watch("mail catcher", first, () -> {
            starts.incrementAndGet();
            return new Fake();
        }, null, Duration.ZERO);
        supervisor.stop();
        first.die("143"); // what a stop (SIGTERM) looks like
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> starts.get() == 0 && console.isEmpty());
        assertThat(starts).hasValue(0);
        assertThat(console).isEmpty();
    }

    /** A part whose end the test decides. */
    private static final class Fake implements Supervisor.Instance {
        private volatile boolean alive = true;
        private volatile String exit;

        void die(String code) {
            exit = code;
            alive = false;
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public String exitDescription() {
            return exit;
        }

        @Override
        public void stop() {
            die("143");
        }
    }
}
