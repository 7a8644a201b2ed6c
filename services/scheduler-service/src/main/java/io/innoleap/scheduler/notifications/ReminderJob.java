package io.innoleap.scheduler.notifications;

import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.programme.store.DatabaseErrors;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Queues reminders: for each lead time ({@code innoleap.reminders.lead-times}, default 24h) every
 * booking that starts within it gets one reminder mail per recipient, in the mail outbox under the key
 * {@code reminder:<booking>:<start epoch>:<lead>m:<recipient>}. The key makes it once only, across runs,
 * restarts and replicas (the unique index decides a race; the loser's transaction is dropped); a
 * booking moved to another start is a new key, and its features withdraw the unsent reminders of
 * the old time ({@link MailOutbox#withdraw}) when they move or cancel it. Rows are claimed before
 * they are sent ({@code MailDispatcher}).
 */
@Singleton
public class ReminderJob {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);

    private final List<ReminderSource> sources;
    private final MailOutbox mailOutbox;
    private final ChangeMails mails;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final List<Duration> leadTimes;

    public ReminderJob(List<ReminderSource> sources, MailOutbox mailOutbox, ChangeMails mails,
                       TransactionOperations<Connection> tx, Clock clock,
                       @Value("${innoleap.reminders.lead-times:24h}") List<String> leadTimes) {
        this.sources = sources;
        this.mailOutbox = mailOutbox;
        this.mails = mails;
        this.tx = tx;
        this.clock = clock;
        List<Duration> parsed = leadTimes == null ? List.of() : leadTimes.stream()
                .filter(t -> t != null && !t.isBlank()).map(ReminderJob::duration).toList();
        this.leadTimes = parsed.isEmpty() ? List.of(Duration.ofHours(24)) : parsed;
    }

    /** {@code 24h}, {@code 90m}, {@code 2d}, {@code 30s} or ISO-8601 ({@code PT24H}). */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([smhd])").matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /** The lead times in force, e.g. [PT24H]. */
    public List<Duration> leadTimes() {
        return leadTimes;
    }

    @Scheduled(fixedDelay = "${innoleap.reminders.interval:1m}", initialDelay = "${innoleap.reminders.initial-delay:20s}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Reminders not queued this time: {}", e.toString());
        }
    }

    /** Queues every due reminder not queued before; returns how many mails were queued. */
    public synchronized int run() {
        Instant now = clock.instant();
        int queued = 0;
        for (Duration lead : leadTimes) {
            for (ReminderSource source : sources) {
                for (Reminder r : source.startingBetween(now, now.plus(lead))) {
                    String key = Reminder.keyPrefix(r.bookingKey()) + r.startsAt().getEpochSecond() + ":" + lead.toMinutes() + "m";
                    List<String> to = r.recipients().stream().map(Contact::email).toList();
                    try {
                        queued += tx.executeWrite(s -> mailOutbox.enqueueOnce(key, to, mails.reminder(r.event(), now)));
                    } catch (RuntimeException e) {
                        if (!DatabaseErrors.isDuplicateKey(e, "uq_mail_outbox_dedupe")) {
                            throw e;
                        }
                        // Another replica queued it in the meantime: once is what we want.
                    }
                }
            }
        }
        if (queued > 0) {
            LOG.info("Queued {} reminder mails", queued);
        }
        return queued;
    }
}
