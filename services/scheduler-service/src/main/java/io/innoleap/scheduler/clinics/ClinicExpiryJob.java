package io.innoleap.scheduler.clinics;

import io.innoleap.scheduler.clinics.store.ClinicEntity;
import io.innoleap.scheduler.clinics.store.Times;

import io.innoleap.contracts.events.BookingSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.clinics.store.ClinicRepositories.ClinicRepository;
import io.innoleap.scheduler.clinics.domain.ClinicStatus;
import io.innoleap.scheduler.clinics.domain.IllegalClinicTransitionException;
import io.innoleap.scheduler.notifications.MailOutbox;
import io.innoleap.servicekit.outbox.Outbox;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
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
    private final ClinicMails mails;
    private final Outbox outbox;
    private final MailOutbox mailOutbox;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public ClinicExpiryJob(ClinicRepository clinicRepository, ClinicConfirmations confirmations, Clinics clinics,
                           ClinicMails mails, Outbox outbox, MailOutbox mailOutbox, TransactionOperations<Connection> tx,
                           Clock clock) {
        this.clinicRepository = clinicRepository;
        this.confirmations = confirmations;
        this.clinics = clinics;
        this.mails = mails;
        this.outbox = outbox;
        this.mailOutbox = mailOutbox;
        this.tx = tx;
        this.clock = clock;
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
                    mailOutbox.enqueue(List.of(view.agencyContact().email()), mails.expired(view));
                }
                return true;
            });
        } catch (IllegalClinicTransitionException e) {
            return false; // decided in the meantime
        }
    }
}
