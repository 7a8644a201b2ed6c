package io.innoleap.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the machine's CPU went during a benchmark's round, by part: this JVM's service threads, the load
 * generator (threads here named {@code load-*} or {@code HttpClient*}, a Kafka client's threads whose client id
 * is {@code load-*}, or the wrk process once it has been waited for), the database
 * server, the Kafka broker and the OIDC provider (child JVMs of this one), and the rest of the
 * machine. Read from Linux's /proc; elsewhere every figure is absent and the line says so.
 */
public final class CpuShares {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Name prefix of a benchmark's own load threads. */
    public static final String LOAD_THREAD_PREFIX = "load-";

    /**
     * A thread of the load generator: a benchmark's own load threads, the JDK HTTP client's, or those of a
     * Kafka client the benchmark named {@code load-*} (Kafka names them "kafka-... | clientId").
     */
    public static boolean isLoadGenerator(String threadName) {
        return threadName.startsWith(LOAD_THREAD_PREFIX) || threadName.startsWith("HttpClient")
                || threadName.contains("| " + LOAD_THREAD_PREFIX);
    }
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux

    private CpuShares() {
    }

    public record Snapshot(long wallNanos, long jvmNanos, long loadThreadNanos, long reapedChildrenNanos, Map<String, Long> partNanos,
                    long machineNanos, Map<Long, ThreadCpu> threadNanos, long jitMillis, long gcCount,
                    long gcMillis) {

        public Usage minus(Snapshot before) {
            Map<String, Long> parts = new LinkedHashMap<>();
            long load = (loadThreadNanos - before.loadThreadNanos) + (reapedChildrenNanos - before.reapedChildrenNanos);
            parts.put("service JVM", (jvmNanos - before.jvmNanos) - (loadThreadNanos - before.loadThreadNanos));
            parts.put("load generator", load);
            for (String part : partNanos.keySet()) {
                parts.put(part, partNanos.get(part) - before.partNanos.getOrDefault(part, partNanos.get(part)));
            }
            long known = parts.values().stream().mapToLong(Long::longValue).sum();
            long machine = machineNanos - before.machineNanos;
            parts.put("rest of the machine", Math.max(0, machine - known));
            // by thread id: a pool's threads come and go; one that ended within the round loses its share here
            Map<String, Long> threads = new HashMap<>();
            threadNanos.forEach((id, now) -> {
                ThreadCpu then = before.threadNanos.get(id);
                threads.merge(now.group(), now.nanos() - (then == null ? 0 : then.nanos()), Long::sum);
            });
            long javaThreads = threads.values().stream().mapToLong(Long::longValue).sum() - load;
            threads.put("not Java threads (JIT, GC, native libraries)", Math.max(0, parts.get("service JVM") - javaThreads));
            return new Usage(wallNanos - before.wallNanos, machine, parts, threads, jitMillis - before.jitMillis,
                    gcCount - before.gcCount, gcMillis - before.gcMillis);
        }
    }

    /** A thread's CPU so far, under its name without numbers (its pool). */
    public record ThreadCpu(String group, long nanos) {
    }

    public record Usage(long wallNanos, long machineNanos, Map<String, Long> partNanos, Map<String, Long> serviceThreadNanos, long jitMillis,
                 long gcCount, long gcMillis) {

        /** Time the JIT compilers and the collector took in the round (elapsed, as the JVM reports them). */
        public String vmActivity() {
            return String.format(Locale.ROOT, "JIT compiling %d ms, %d collections taking %d ms", jitMillis, gcCount, gcMillis);
        }

        /** The service JVM's CPU per operation by thread group (names without their numbers), largest first. */
        public String serviceThreadsPerOperation(long operations, int top) {
            if (operations <= 0) {
                return "none";
            }
            return serviceThreadNanos.entrySet().stream().filter(e -> !isLoadGenerator(e.getKey()))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f ms", e.getKey(), e.getValue() / 1e6 / operations))
                    .collect(Collectors.joining(", "));
        }

        /** Each part's CPU per operation, and how busy the machine's cores were. */
        public String perOperation(long operations) {
            if (machineNanos <= 0 || operations <= 0) {
                return "not measured (needs Linux's /proc)";
            }
            String parts = partNanos.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.2f ms", e.getKey(), e.getValue() / 1e6 / operations))
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "%s; total %.2f ms; cores busy %.0f %% of %d", parts, machineNanos / 1e6 / operations,
                    100.0 * machineNanos / wallNanos / Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    public static Snapshot take() {
        long wall = System.nanoTime();
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long load = 0;
        Map<Long, ThreadCpu> threads = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long cpu = Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
            if (isLoadGenerator(t.getThreadName())) {
                load += cpu;
            }
            threads.put(t.getThreadId(), new ThreadCpu(t.getThreadName().replaceAll("[-#]?\\d+", "").replaceAll("[-_ ]+$", ""), cpu));
        }
        Map<String, Long> parts = new HashMap<>();
        ProcessHandle.current().descendants().forEach(p -> {
            String command = p.info().commandLine().orElse("");
            String part = command.contains("io.innoleap.oidc.") ? "OIDC provider" : command.contains("kafka") ? "Kafka broker"
                    : command.contains("mariadbd") || command.contains("mysqld") ? "database" : null;
            if (part != null) {
                parts.merge(part, cpuNanos(p), Long::sum);
            }
        });
        ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld"))
                        .orElse(false))
                .filter(p -> p.parent().map(parent -> parent.pid() != ProcessHandle.current().pid()).orElse(true))
                .forEach(p -> parts.merge("database", cpuNanos(p), Long::sum));
        parts.putIfAbsent("database", 0L);
        long gcCount = 0;
        long gcMillis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new Snapshot(wall, jvm, load, reapedChildren(), parts, machine(), threads,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), gcCount, gcMillis);
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** cutime + cstime of this process: CPU of children it has waited for (wrk, after its round). */
    private static long reapedChildren() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (long) ((Long.parseLong(f[13]) + Long.parseLong(f[14])) * TICK_NANOS); // fields 16 and 17
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** All cores' busy time (everything but idle and iowait) from /proc/stat. */
    private static long machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return (long) (busy * TICK_NANOS);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
