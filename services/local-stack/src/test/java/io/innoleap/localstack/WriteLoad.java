package io.innoleap.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients posting problem statements through the public API while a test injects a fault: what was
 * answered 201 (acknowledged), what was refused or cut off, and when the first statement was
 * acknowledged after the fault. Afterwards {@link #missing} and {@link #notAtTheMatcher} check that
 * nothing acknowledged was lost.
 */
final class WriteLoad {

    /**
     * Each client's pause after an acknowledged write: about 25 writes/s from four clients. Unpaced,
     * four clients wrote 6,000 statements during a 23 s broker outage, and the matcher then needed
     * 145 s to take them all, which is a throughput test, not a fault test.
     */
    private static final long PACE_MILLIS = 150;

    private final Queue<String> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong faultAt = new AtomicLong();
    private final AtomicLong firstAcceptedAfterFault = new AtomicLong();
    private final AtomicInteger acceptedAtFault = new AtomicInteger();
    private final List<Thread> clients = new ArrayList<>();
    /** The newest version of each statement whose change was acknowledged (0 when only its creation was). */
    private final Map<String, Long> acknowledgedVersions = new ConcurrentHashMap<>();
    private final String base;
    private final String token;

    private WriteLoad(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** {@code clients} threads posting copies of {@code template} (unique titles) to {@code base} as {@code token}. */
    static WriteLoad start(String base, JsonNode template, String token, int clients, String label) {
        return start(List.of(base), template, token, clients, label, false);
    }

    /**
     * As {@link #start(String, JsonNode, String, int, String)}, client c writing to {@code bases.get(c %
     * bases.size())} (replicas of the service); with {@code update}, each client also changes every
     * statement once right after creating it (a second snapshot of the same key).
     */
    static WriteLoad start(List<String> bases, JsonNode template, String token, int clients, String label, boolean update) {
        WriteLoad load = new WriteLoad(bases.get(0), token);
        for (int c = 0; c < clients; c++) {
            int client = c;
            String base = bases.get(c % bases.size());
            Thread t = new Thread(() -> {
                for (int n = 0; !load.stop.get(); n++) {
                    ObjectNode body = template.deepCopy();
                    body.put("title", label + " " + client + "-" + n + " " + UUID.randomUUID().toString().substring(0, 8));
                    try {
                        Http.Reply r = Http.postJson(base, body, token);
                        if (r.status() == 201) {
                            String id = r.json().path("id").asText();
                            load.accepted.add(id);
                            load.acknowledgedVersions.put(id, 0L);
                            if (load.faultAt.get() != 0) {
                                load.firstAcceptedAfterFault.compareAndSet(0, System.nanoTime());
                            }
                            if (update) {
                                body.put("title", body.path("title").asText() + " (changed)").put("version", 0);
                                try {
                                    Http.Reply changed = Http.putJson(base + "/" + id, body, token);
                                    if (changed.status() == 200) {
                                        load.acknowledgedVersions.put(id, changed.json().path("version").asLong());
                                    }
                                } catch (RuntimeException cutOff) {
                                    // the change was not acknowledged; the creation was
                                }
                            }
                            sleep(PACE_MILLIS);
                            continue;
                        }
                        load.refused.incrementAndGet();
                    } catch (RuntimeException e) {
                        load.refused.incrementAndGet(); // refused or cut off while a part is down: not acknowledged
                    }
                    sleep(100);
                }
            }, "write-load-" + c);
            t.start();
            load.clients.add(t);
        }
        return load;
    }

    /**
     * The fault happens now (call it once the faulty process is gone: a request in flight at a kill
     * may still be answered by the old process).
     */
    void faultNow(long atNanos) {
        acceptedAtFault.set(accepted.size());
        faultAt.set(atNanos);
    }

    /** Waits until {@code more} further statements have been acknowledged: the load is going. */
    void awaitMoreAccepted(int more, Duration atMost) {
        int target = accepted.size() + more;
        org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> accepted.size() >= target);
    }

    boolean acceptedSinceFault() {
        return firstAcceptedAfterFault.get() != 0;
    }

    /** Seconds from the fault to the first statement acknowledged after it. */
    double secondsToFirstAcceptedAfterFault() {
        return (firstAcceptedAfterFault.get() - faultAt.get()) / 1e9;
    }

    int acceptedBeforeFault() {
        return acceptedAtFault.get();
    }

    int accepted() {
        return accepted.size();
    }

    /** Statement id to the newest version acknowledged for it (0: created; 1: created and changed). */
    Map<String, Long> acknowledgedVersions() {
        return Map.copyOf(acknowledgedVersions);
    }

    int refused() {
        return refused.get();
    }

    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : clients) {
            t.join(60_000);
        }
    }

    /** Acknowledged statements problem-service does not have (with the status it answered). */
    List<String> missing() {
        return missing(base);
    }

    /** As {@link #missing()}, read from {@code readBase} (another replica of the service). */
    List<String> missing(String readBase) {
        List<String> out = new ArrayList<>();
        for (String id : List.copyOf(accepted)) {
            Http.Reply r = Http.get(readBase + "/" + id, token);
            if (r.status() != 200) {
                out.add(id + " (" + r.status() + ")");
            }
        }
        return out;
    }

    /** Acknowledged statements the matcher still does not know after waiting up to {@code patience}. */
    Set<String> notAtTheMatcher(String matcherUrl, String officeToken, Duration patience) {
        Set<String> waiting = new HashSet<>(accepted);
        try {
            org.awaitility.Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> {
                waiting.removeIf(id -> Http.get(matcherUrl + "/api/matches?problemStatementId=" + id, officeToken).status() == 200);
                return waiting.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException stillWaiting) {
            // what is left is the answer
        }
        return waiting;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
