package io.innoleap.localstack.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caught messages: one {@code <received-epoch-micros>-<ID>.eml} file per message in the data
 * folder (so a restart keeps them, and a person can open them with any mail program), plus an
 * in-memory index, newest first.
 */
final class Mailbox {

    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{1,19})-([0-9A-Za-z]{1,64})\\.eml");
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Comparator<StoredMessage> NEWEST_FIRST =
            Comparator.comparing((StoredMessage m) -> m.created).thenComparing(m -> m.id).reversed();

    private final Path dir;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Newest first. Guarded by {@code this}. */
    private final List<StoredMessage> messages = new ArrayList<>();
    private Instant lastCreated = Instant.EPOCH;

    Mailbox(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the mail data folder " + dir, e);
        }
        load();
    }

    Path dir() {
        return dir;
    }

    private void load() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.eml")) {
            for (Path file : files) {
                Matcher m = FILE_NAME.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                try {
                    byte[] raw = Files.readAllBytes(file);
                    Instant created = fromMicros(Long.parseLong(m.group(1)));
                    messages.add(new StoredMessage(m.group(2), file, created, raw.length, ParsedMail.parse(raw)));
                    if (created.isAfter(lastCreated)) {
                        lastCreated = created;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Skipping unreadable message file {}: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mail data folder " + dir, e);
        }
        messages.sort(NEWEST_FIRST);
    }

    /** Stores one received message: its file first (written whole, then moved in place), then the index. */
    StoredMessage add(byte[] raw) throws IOException {
        ParsedMail parsed = ParsedMail.parse(raw);
        synchronized (this) {
            // Strictly increasing, so the order of arrival is the order shown even within one microsecond.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant created = now.isAfter(lastCreated) ? now : lastCreated.plus(1, ChronoUnit.MICROS);
            lastCreated = created;
            String id = newId();
            Path file = dir.resolve(toMicros(created) + "-" + id + ".eml");
            Path tmp = dir.resolve(".incoming-" + id + ".tmp");
            Files.write(tmp, raw);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            StoredMessage stored = new StoredMessage(id, file, created, raw.length, parsed);
            messages.add(0, stored);
            LOG.info("Caught \"{}\" from {} to {} ({})", stored.subject, stored.from.line(),
                    WebPages.addressLine(stored.to), id);
            return stored;
        }
    }

    synchronized int total() {
        return messages.size();
    }

    synchronized int unread() {
        return (int) messages.stream().filter(m -> !m.read).count();
    }

    /** A page of the list, newest first. */
    synchronized List<StoredMessage> list(int start, int limit) {
        if (start >= messages.size()) {
            return List.of();
        }
        return List.copyOf(messages.subList(start, Math.min(messages.size(), start + limit)));
    }

    /** By ID, or the newest message for {@code latest} (as Mailpit accepts). */
    synchronized Optional<StoredMessage> get(String id) {
        if ("latest".equals(id)) {
            return messages.stream().findFirst();
        }
        return messages.stream().filter(m -> m.id.equals(id)).findFirst();
    }

    byte[] raw(StoredMessage message) throws IOException {
        return Files.readAllBytes(message.file);
    }

    synchronized void deleteAll() throws IOException {
        delete(messages.stream().map(m -> m.id).toList());
    }

    synchronized void delete(Collection<String> ids) throws IOException {
        Set<String> wanted = new HashSet<>(ids);
        List<StoredMessage> doomed = messages.stream().filter(m -> wanted.contains(m.id)).toList();
        for (StoredMessage m : doomed) {
            try {
                Files.delete(m.file);
            } catch (NoSuchFileException gone) {
                // already removed by hand: the index just follows
            }
            messages.remove(m);
        }
    }

    private String newId() {
        // 22 base62 characters, the shape of Mailpit's IDs.
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(id);
    }

    private static long toMicros(Instant t) {
        return TimeUnit.SECONDS.toMicros(t.getEpochSecond()) + t.getNano() / 1_000;
    }

    private static Instant fromMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
