package io.innoleap.scheduler.clinics;

import io.innoleap.contracts.events.BookingSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.clinics.ClinicRepositories.ClinicRepository;
import io.innoleap.scheduler.domain.ClinicStatus;
import io.innoleap.scheduler.domain.IllegalClinicTransitionException;
import io.innoleap.scheduler.email.MailOutbox;
import io.innoleap.scheduler.mail.ClinicMailView;
import io.innoleap.scheduler.mail.Html;
import io.innoleap.scheduler.mail.MailContent;
import io.innoleap.scheduler.mail.ProgrammeTime;
import io.innoleap.servicekit.outbox.Outbox;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Releases the slots of clinics whose confirmation link expired unanswered: each becomes EXPIRED
 * (conditional UPDATE, so a confirmation that got in first wins), its slot is freed,
 * {@code ClinicExpired} is published and the agency contact is told, all in one transaction per clinic.
 */
@Singleton
public class ClinicExpiryJob {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicExpiryJob.class);

    private final ClinicRepository clinicRepository;
    private final ClinicConfirmations confirmations;
    private final Clinics clinics;
    private final Outbox outbox;
    private final MailOutbox mailOutbox;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final ZoneId zone;

    public ClinicExpiryJob(ClinicRepository clinicRepository, ClinicConfirmations confirmations, Clinics clinics,
                           Outbox outbox, MailOutbox mailOutbox, TransactionOperations<Connection> tx, Clock clock,
                           @Value("${innoleap.scheduler.zone:Asia/Singapore}") String zone) {
        this.clinicRepository = clinicRepository;
        this.confirmations = confirmations;
        this.clinics = clinics;
        this.outbox = outbox;
        this.mailOutbox = mailOutbox;
        this.tx = tx;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @Scheduled(fixedDelay = "${innoleap.scheduler.clinic-expiry-interval:1m}", initialDelay = "${innoleap.scheduler.clinic-expiry-initial-delay:30s}")
    void scheduled() {
        try {
            int n = expireDue();
            if (n > 0) {
                LOG.info("Expired {} unconfirmed clinic(s) and released their slots", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("Clinic expiry pass failed, will retry: {}", e.toString());
        }
    }

    /** Expires every pending clinic whose link has run out by now; returns how many it expired. */
    public synchronized int expireDue() {
        int expired = 0;
        while (true) {
            List<ClinicEntity> due = clinicRepository.findExpiredPending(clock.instant(), 100);
            if (due.isEmpty()) {
                return expired;
            }
            int before = expired;
            for (ClinicEntity candidate : due) {
                if (expire(candidate)) {
                    expired++;
                }
            }
            if (expired == before) {
                return expired;
            }
        }
    }

    private boolean expire(ClinicEntity candidate) {
        try {
            return tx.executeWrite(status -> {
                Instant now = Times.now(clock);
                ClinicEntity done = confirmations.apply(candidate, ClinicStatus.EXPIRED, now);
                outbox.append(Topics.BOOKINGS, done.id().toString(), BookingSnapshot.CLINIC_EXPIRED, clinics.snapshot(done));
                ClinicMailView view = clinics.mailView(done);
                if (view.agencyContact() != null) {
                    mailOutbox.enqueue(List.of(view.agencyContact().email()), expiredMail(view));
                }
                return true;
            });
        } catch (IllegalClinicTransitionException e) {
            return false; // decided in the meantime
        }
    }

    /** SchedulerMails has no "expired" renderer: a short notice in the same style (times in the programme zone, HTML escaped). */
    private MailContent expiredMail(ClinicMailView c) {
        String when = new ProgrammeTime(zone).range(c.startsAt(), c.endsAt());
        String title = c.problemTitle().replaceAll("[\\r\\n]+", " ");
        String text = "The clinic requested for \"" + title + "\" (" + when + ") was not confirmed by the coordinator in time,"
                + " so its slot has been released.\nYou can request a clinic in another available slot.\n";
        String html = "<p>The clinic requested for <strong>" + Html.escape(title) + "</strong> (" + Html.escape(when)
                + ") was not confirmed by the coordinator in time, so its slot has been released.</p>"
                + "<p>You can request a clinic in another available slot.</p>";
        String subject = "Clinic request expired: " + title;
        return new MailContent(subject.length() > 200 ? subject.substring(0, 200) : subject, text, html, List.of());
    }
}
