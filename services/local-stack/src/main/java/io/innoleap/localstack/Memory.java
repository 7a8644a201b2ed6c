package io.innoleap.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Resident memory of the stack's processes, read from /proc (Linux); empty elsewhere. */
final class Memory {

    private Memory() {
    }

    /** RSS in KiB of one process, or -1 when unknown. */
    static long rssKiB(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** "problem 310 MB, kafka 220 MB, ...; total 1.6 GB", or "" when /proc is not there. */
    static String describe(Map<Long, String> labelsByPid) {
        Map<String, Long> byLabel = new TreeMap<>();
        long total = 0;
        for (Map.Entry<Long, String> e : labelsByPid.entrySet()) {
            long kib = rssKiB(e.getKey());
            if (kib > 0) {
                byLabel.merge(e.getValue(), kib, Long::sum);
                total += kib;
            }
        }
        if (total == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        byLabel.forEach((label, kib) -> b.append(label).append(' ').append(kib / 1024).append(" MB, "));
        return b.append(String.format(Locale.ROOT, "total %.2f GB", total / 1024.0 / 1024.0)).toString();
    }
}
