package io.innoleap.scheduler.clinics;

import io.innoleap.scheduler.clinics.store.ClinicEntity;
import io.innoleap.scheduler.clinics.store.ConfirmationTokenEntity;
import io.innoleap.scheduler.clinics.store.Times;

import io.innoleap.contracts.events.BookingSnapshot;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.clinics.store.ClinicRepositories.ClinicRepository;
import io.innoleap.scheduler.clinics.store.ClinicRepositories.ConfirmationTokenRepository;
import io.innoleap.scheduler.clinics.domain.ClinicStatus;
import io.innoleap.scheduler.clinics.domain.ClinicTransition;
import io.innoleap.scheduler.clinics.domain.ConfirmationDecision;
import io.innoleap.scheduler.clinics.domain.ConfirmationTokens;
import io.innoleap.scheduler.clinics.domain.TokenStatus;
import io.innoleap.scheduler.notifications.MailOutbox;
import io.innoleap.scheduler.clinics.api.ConfirmationPages;
import io.innoleap.scheduler.clinics.api.PageContent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The confirmation link's pages. {@link #show} never changes anything (mail scanners prefetch
 * links). {@link #decide} wins the token with a conditional UPDATE ({@code used_at IS NULL AND
 * expires_at > now}) and moves the clinic with a conditional UPDATE ({@code status = PENDING}), in
 * one transaction with the event and the emails, so two concurrent POSTs (or a POST racing the
 * expiry job) cannot both win. Tokens are looked up by hash and never logged.
 */
@Singleton
public class ClinicConfirmations {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicConfirmations.class);

    private final ConfirmationTokenRepository tokens;
    private final ClinicRepository clinicRepository;
    private final Clinics clinics;
    private final ConfirmationTokens confirmationTokens;
    private final ConfirmationPages pages;
    private final ClinicMails mails;
    private final MailOutbox mailOutbox;
    private final io.innoleap.servicekit.outbox.Outbox outbox;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public ClinicConfirmations(ConfirmationTokenRepository tokens, ClinicRepository clinicRepository, Clinics clinics,
                               ConfirmationTokens confirmationTokens, ConfirmationPages pages, ClinicMails mails,
                               MailOutbox mailOutbox, io.innoleap.servicekit.outbox.Outbox outbox,
                               TransactionOperations<Connection> tx, Clock clock) {
        this.tokens = tokens;
        this.clinicRepository = clinicRepository;
        this.clinics = clinics;
        this.confirmationTokens = confirmationTokens;
        this.pages = pages;
        this.mails = mails;
        this.mailOutbox = mailOutbox;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** GET/HEAD: the form for a valid link, else the 404/410 page. Read-only. */
    public PageContent show(String token) {
        Optional<ConfirmationTokenEntity> stored = find(token);
        TokenStatus status = assess(token, stored);
        if (status != TokenStatus.VALID) {
            return pages.unusable(status);
        }
        ClinicEntity clinic = clinicRepository.findById(stored.get().clinicId()).orElse(null);
        if (clinic == null) {
            return pages.unusable(TokenStatus.NOT_FOUND);
        }
        if (clinic.status() != ClinicStatus.PENDING_CONFIRMATION) {
            return pages.unusable(clinic.status() == ClinicStatus.EXPIRED ? TokenStatus.EXPIRED : TokenStatus.USED);
        }
        return pages.form(clinics.mailView(clinic), token);
    }

    /**
     * POST: applies the decision when the token is valid and the clinic still pending; otherwise the
     * 404/410 page and nothing changes. A bad {@code decision} on a valid token is a 400.
     */
    public PageContent decide(String token, String decisionValue) {
        Optional<ConfirmationTokenEntity> stored = find(token);
        TokenStatus status = assess(token, stored);
        if (status != TokenStatus.VALID) {
            return pages.unusable(status);
        }
        ConfirmationDecision decision = ConfirmationDecision.parse(decisionValue);
        String hash = stored.get().tokenHash();
        PageContent page = tx.executeWrite(s -> {
            Instant now = Times.now(clock);
            if (tokens.markUsed(hash, now) != 1) {
                return null; // someone else used it, or it expired in between: nothing changes
            }
            ClinicEntity clinic = clinicRepository.findByIdForUpdate(stored.get().clinicId()).orElseThrow();
            if (clinic.status() != ClinicStatus.PENDING_CONFIRMATION) {
                s.setRollbackOnly();
                return pages.unusable(clinic.status() == ClinicStatus.EXPIRED ? TokenStatus.EXPIRED : TokenStatus.USED);
            }
            ClinicStatus next = clinic.status().apply(decision.transition());
            ClinicEntity decided = apply(clinic, next, now);
            ClinicMailView view = clinics.mailView(decided);
            if (next == ClinicStatus.CONFIRMED) {
                outbox.append(Topics.BOOKINGS, decided.id().toString(), BookingSnapshot.CLINIC_CONFIRMED, clinics.snapshot(decided));
                mailOutbox.enqueue(view.confirmedRecipients().stream().map(Contact::email).toList(),
                        mails.confirmed(view, now));
                return pages.confirmed(view);
            }
            outbox.append(Topics.BOOKINGS, decided.id().toString(), BookingSnapshot.CLINIC_DECLINED, clinics.snapshot(decided));
            if (view.agencyContact() != null) {
                mailOutbox.enqueue(List.of(view.agencyContact().email()), mails.declined(view));
            }
            return pages.declined(view);
        });
        if (page != null) {
            // Ids only: the token (and so the request path) must never reach the logs.
            LOG.info("Clinic {} answered via its confirmation link: {}", stored.get().clinicId(), decision);
            return page;
        }
        // Lost the token: show why, from a fresh read.
        TokenStatus now = assess(token, find(token));
        return pages.unusable(now == TokenStatus.VALID ? TokenStatus.USED : now);
    }

    /**
     * Moves a pending clinic to {@code next} with a conditional UPDATE; the returned entity is the
     * new state. Releasing statuses null the slot hold. Throws if the clinic was no longer pending.
     */
    ClinicEntity apply(ClinicEntity clinic, ClinicStatus next, Instant now) {
        String activeSlot = next.holdsSlot() ? clinic.slotId().toString() : null;
        if (clinicRepository.decide(clinic.id().toString(), next.name(), activeSlot, now) != 1) {
            throw new io.innoleap.scheduler.clinics.domain.IllegalClinicTransitionException(clinic.status(), transitionTo(next));
        }
        return new ClinicEntity(clinic.id(), clinic.slotId(), next.holdsSlot() ? clinic.slotId() : null, clinic.problemStatementId(),
                clinic.problemTitle(), clinic.agencyCode(), clinic.agencyName(), clinic.agencyDomain(), clinic.agencyContactName(),
                clinic.agencyContactEmail(), clinic.coordinatorName(), clinic.coordinatorEmail(), clinic.coordinatorSub(),
                clinic.startsAt(), clinic.endsAt(),
                clinic.linkedCompanies(), next, clinic.confirmationExpiresAt(), clinic.version() + 1, clinic.createdAt(), now,
                clinic.cancellationReason());
    }

    private static ClinicTransition transitionTo(ClinicStatus next) {
        for (ClinicTransition t : ClinicTransition.values()) {
            if (t.target() == next) {
                return t;
            }
        }
        throw new IllegalArgumentException(String.valueOf(next));
    }

    private Optional<ConfirmationTokenEntity> find(String token) {
        return ConfirmationTokens.isWellFormed(token) ? tokens.findById(ConfirmationTokens.hash(token)) : Optional.empty();
    }

    private TokenStatus assess(String token, Optional<ConfirmationTokenEntity> stored) {
        return confirmationTokens.assess(token, stored.map(ConfirmationTokenEntity::toDomain).orElse(null));
    }
}
