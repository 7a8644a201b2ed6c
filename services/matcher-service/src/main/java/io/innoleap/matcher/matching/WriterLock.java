package io.innoleap.matcher.matching;

import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer at a time: the engine and the stored top-K lists move together under this lock
 * (start-up rebuild, applying snapshots, rollback). It also guards the set of open problems the
 * engine holds, which the rechecks and the settings re-rank need.
 */
@Singleton
public class WriterLock {

    private final ReentrantLock lock = new ReentrantLock();
    private final Set<UUID> openProblems = new HashSet<>();
    /** The version of each profile and problem the engine took (stored or not); changed under the lock only. */
    private final Map<UUID, Long> profileVersions = new ConcurrentHashMap<>();
    private final Map<UUID, Long> problemVersions = new ConcurrentHashMap<>();

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** The open problems the engine holds; only while holding the lock. */
    Set<UUID> openProblems() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("the writer lock is not held");
        }
        return openProblems;
    }

    /**
     * The version of each solution profile the engine holds or has seen withdrawn. A snapshot is
     * stale when this says so, not when the table does: with replicas another replica may have
     * stored a snapshot this engine has not taken yet. Readable without the lock, changed under it.
     */
    Map<UUID, Long> profileVersions() {
        return profileVersions;
    }

    /** As {@link #profileVersions()}, for problem statements. */
    Map<UUID, Long> problemVersions() {
        return problemVersions;
    }
}
