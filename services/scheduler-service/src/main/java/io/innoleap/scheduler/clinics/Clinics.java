package io.innoleap.scheduler.clinics;

import io.innoleap.contracts.events.BookingSnapshot;
import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.clinics.api.ClinicRequest;
import io.innoleap.scheduler.clinics.api.ClinicResource;
import io.innoleap.scheduler.clinics.domain.ClinicSlotRules;
import io.innoleap.scheduler.clinics.domain.ClinicStatus;
import io.innoleap.scheduler.clinics.domain.ConfirmationTokens;
import io.innoleap.scheduler.clinics.domain.Coordinator;
import io.innoleap.scheduler.clinics.domain.IssuedConfirmationToken;
import io.innoleap.scheduler.clinics.domain.ProblemStatementNotOpenException;
import io.innoleap.scheduler.clinics.domain.SlotTakenException;
import io.innoleap.scheduler.clinics.store.ClinicEntity;
import io.innoleap.scheduler.clinics.store.ClinicRepositories.ClinicRepository;
import io.innoleap.scheduler.clinics.store.ClinicRepositories.ClinicSlotRepository;
import io.innoleap.scheduler.clinics.store.ClinicRepositories.ConfirmationTokenRepository;
import io.innoleap.scheduler.clinics.store.ClinicSlotEntity;
import io.innoleap.scheduler.clinics.store.ConfirmationTokenEntity;
import io.innoleap.scheduler.programme.store.DatabaseErrors;
import io.innoleap.scheduler.clinics.store.LinkedCompanyRecord;
import io.innoleap.scheduler.clinics.store.Times;
import io.innoleap.scheduler.notifications.ChangeMails;
import io.innoleap.scheduler.notifications.MailOutbox;
import io.innoleap.scheduler.notifications.MailSettings;
import io.innoleap.scheduler.notifications.Reminder;
import io.innoleap.scheduler.readmodel.ProblemStatement;
import io.innoleap.scheduler.readmodel.ProviderMatch;
import io.innoleap.scheduler.readmodel.RankedProvider;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.idempotency.IdempotencyKeys;
import io.innoleap.servicekit.outbox.Outbox;
import io.innoleap.servicekit.security.Caller;
import io.innoleap.servicekit.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Requesting clinics. The clinic row is inserted with {@code active_slot_id = slot id}; the UNIQUE
 * constraint on that column decides who gets a slot when requests race, and its violation becomes
 * a 409. The clinic, its token hash, the {@code ClinicRequested} event, the coordinator's email and
 * the Idempotency-Key commit together or not at all.
 */
@Singleton
public class Clinics {

    static final String ACTIVE_SLOT_CONSTRAINT = "uq_clinic_active_slot";
    private static final Argument<List<LinkedCompanyRecord>> LINKED = Argument.listOf(LinkedCompanyRecord.class);

    private final ClinicRepository clinics;
    private final ClinicSlotRepository slots;
    private final ConfirmationTokenRepository tokens;
    private final ReadModel readModel;
    private final ClinicSlotRules rules;
    private final ConfirmationTokens confirmationTokens;
    private final ClinicMails mails;
    private final MailOutbox mailOutbox;
    private final Outbox outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final JsonMapper json;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final ChangeMails changeMails;
    private final MailSettings mailSettings;

    public Clinics(ClinicRepository clinics, ClinicSlotRepository slots, ConfirmationTokenRepository tokens,
                   ReadModel readModel, ClinicSlotRules rules, ConfirmationTokens confirmationTokens,
                   ClinicMails mails, MailOutbox mailOutbox, Outbox outbox, IdempotencyKeys idempotencyKeys,
                   JsonMapper json, TransactionOperations<Connection> tx, Clock clock, ChangeMails changeMails,
                   MailSettings mailSettings) {
        this.changeMails = changeMails;
        this.mailSettings = mailSettings;
        this.clinics = clinics;
        this.slots = slots;
        this.tokens = tokens;
        this.readModel = readModel;
        this.rules = rules;
        this.confirmationTokens = confirmationTokens;
        this.mails = mails;
        this.mailOutbox = mailOutbox;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Requests a clinic on a problem statement for its agency (or as the programme office). With an
     * Idempotency-Key, a retry answers the clinic the first request created and books nothing new.
     */
    public ClinicResource request(Caller caller, @Nullable String idempotencyKey, ClinicRequest request) {
        UUID problemId = request.problemStatementId();
        ProblemStatement problem = readModel.problemStatement(problemId)
                .orElseThrow(() -> ApiException.notFound("Problem statement", problemId));
        // Ownership from the stored statement (the read model's snapshot), never from the request.
        if (!caller.actsFor(problem.agency().code())) {
            throw Caller.forbidden("Problem statement " + problemId + " belongs to agency " + problem.agency().code()
                    + "; only that agency or the programme office may request a clinic on it");
        }
        try {
            return tx.executeWrite(status -> idempotencyKeys.create(caller.sub(), "POST /api/clinics", idempotencyKey,
                    request, () -> book(problem, request.slotId()), c -> c.id().toString(),
                    id -> toResource(clinics.findById(UUID.fromString(id)).orElseThrow())).resource());
        } catch (RuntimeException e) {
            if (DatabaseErrors.isDuplicateKey(e, ACTIVE_SLOT_CONSTRAINT)) {
                throw new SlotTakenException(request.slotId());
            }
            throw e;
        }
    }

    /** In the caller's transaction: the clinic, its token hash, its event and the coordinator's mail. */
    private ClinicResource book(ProblemStatement problem, UUID slotId) {
        UUID problemId = problem.id();
        if (!problem.isOpen()) {
            throw new ProblemStatementNotOpenException(problemId, problem.status());
        }
        ClinicSlotEntity slot = slots.findById(slotId)
                .orElseThrow(() -> ApiException.notFound("Clinic slot", slotId));
        rules.ensureBookable(slot.window());
        // A friendly early answer; the UNIQUE constraint on insert is what actually decides.
        clinics.findHoldingSlot(slot.id().toString()).ifPresent(c -> {
            throw new SlotTakenException(slot.id());
        });

        List<ProviderMatch> matches = readModel.matchesFor(List.of(problemId)).getOrDefault(problemId, List.of());
        List<RankedProvider> best = rules.linkedCompanies(matches);
        Map<UUID, Contact> contacts = readModel.providerContacts(best.stream().map(RankedProvider::solutionProfileId).toList());
        List<LinkedCompanyRecord> linked = best.stream().map(p -> {
            Contact contact = contacts.get(p.solutionProfileId());
            return new LinkedCompanyRecord(p.solutionProfileId(), p.organisationName(), p.bestScore(),
                    contact == null ? null : contact.name(), contact == null ? null : contact.email());
        }).toList();

        Instant now = Times.now(clock);
        IssuedConfirmationToken token = confirmationTokens.issueFor(slot.startsAt());
        Instant expiresAt = Times.stored(token.expiresAt());
        ClinicEntity clinic = new ClinicEntity(UUID.randomUUID(), slot.id(), slot.id(), problemId, problem.title(),
                problem.agency().code(), problem.agency().name(), problem.agency().domain(), problem.contact().name(),
                problem.contact().email(),
                slot.coordinatorName(), slot.coordinatorEmail(), slot.coordinatorSub(), slot.startsAt(), slot.endsAt(),
                toJson(linked), ClinicStatus.PENDING_CONFIRMATION, expiresAt, 0, now, now, null);
        clinics.save(clinic);
        tokens.save(new ConfirmationTokenEntity(token.tokenHash(), clinic.id(), expiresAt, null));
        outbox.append(Topics.BOOKINGS, clinic.id().toString(), BookingSnapshot.CLINIC_REQUESTED, snapshot(clinic));
        mailOutbox.enqueue(List.of(clinic.coordinatorEmail()),
                mails.confirmationRequest(mailView(clinic), token.token(), expiresAt));
        return toResource(clinic);
    }

    /**
     * A clinic, for its agency, its coordinator or the programme office. Anyone else gets the same
     * 404 as for an unknown id, so the answer does not tell them the clinic exists.
     */
    public ClinicResource get(Caller caller, UUID id) {
        ClinicEntity clinic = clinics.findById(id).filter(c -> mayRead(caller, c))
                .orElseThrow(() -> ApiException.notFound("Clinic", id));
        return toResource(clinic);
    }

    /**
     * Cancels a pending or confirmed clinic that has not started, for its agency, its coordinator or
     * the programme office (anyone else: the same 404 as for an unknown id). The slot is free again at
     * once; {@code ClinicCancelled} is published. A confirmed clinic's participants (those who got the
     * invitation) get a METHOD:CANCEL update of the same calendar event; the coordinator is told in
     * every case. The conditional UPDATE decides a race with the confirmation link or the expiry job.
     */
    public ClinicResource cancel(Caller caller, UUID id, String reason) {
        return tx.executeWrite(status -> {
            ClinicEntity clinic = clinics.findByIdForUpdate(id).filter(c -> mayRead(caller, c))
                    .orElseThrow(() -> ApiException.notFound("Clinic", id));
            if (!clinic.status().isCancellable()) {
                throw ApiException.conflict("Clinic " + id + " is " + clinic.status() + " and can no longer be cancelled");
            }
            if (!clinic.startsAt().isAfter(clock.instant())) {
                throw ApiException.conflict("Clinic " + id + " has already started and can no longer be cancelled");
            }
            Instant now = Times.now(clock);
            String why = reason.strip();
            if (clinics.cancel(id.toString(), why, now) != 1) {
                throw ApiException.conflict("Clinic " + id + " was decided in the meantime; read it again");
            }
            ClinicEntity cancelled = clinics.findById(id).orElseThrow();
            outbox.append(Topics.BOOKINGS, id.toString(), BookingSnapshot.CLINIC_CANCELLED, snapshot(cancelled));
            mailOutbox.withdraw(Reminder.keyPrefix("clinic:" + id));
            ClinicMailView view = mailView(cancelled);
            boolean wasConfirmed = clinic.status() == ClinicStatus.CONFIRMED;
            List<Contact> participants = wasConfirmed ? view.confirmedRecipients() : List.of();
            ChangeMails.Booking event = new ChangeMails.Booking(ClinicMails.uid(id, mailSettings), 1,
                    "clinic on \"" + cancelled.problemTitle() + "\"", "clinic-" + id + ".ics", cancelled.startsAt(),
                    cancelled.endsAt(), ClinicMails.WHERE, participants, view.coordinator().asContact());
            if (!participants.isEmpty()) {
                mailOutbox.enqueue(participants.stream().map(Contact::email).toList(), changeMails.cancelled(event, why, now));
            }
            mailOutbox.enqueue(List.of(cancelled.coordinatorEmail()), wasConfirmed
                    ? changeMails.cancelled(event, why, now) : changeMails.cancelledWithoutCalendar(event, why));
            return toResource(cancelled);
        });
    }

    /** Confirmed clinics starting in {@code (from, to]}, as reminders to their participants and coordinator. */
    public List<Reminder> remindersBetween(Instant from, Instant to) {
        return tx.executeRead(status -> clinics.findConfirmedStartingBetween(from, to).stream().map(c -> {
            ClinicMailView view = mailView(c);
            List<Contact> everyone = new java.util.ArrayList<>(view.confirmedRecipients());
            everyone.add(view.coordinator().asContact());
            return new Reminder("clinic:" + c.id(), c.startsAt(), new ChangeMails.Booking(ClinicMails.uid(c.id(), mailSettings), 0,
                    "clinic on \"" + c.problemTitle() + "\"", "clinic-" + c.id() + ".ics", c.startsAt(), c.endsAt(),
                    ClinicMails.WHERE, everyone), everyone);
        }).toList());
    }

    /** Its agency, its coordinator (by the sub recorded at publication, else by the slot's email), the programme office. */
    static boolean mayRead(Caller caller, ClinicEntity c) {
        return caller.isOffice()
                || (caller.has(Role.AGENCY) && caller.actsFor(c.agencyCode()))
                || (caller.has(Role.COORDINATOR) && isCoordinatorOf(caller, c));
    }

    static boolean isCoordinatorOf(Caller caller, ClinicEntity c) {
        if (c.coordinatorSub() != null) {
            return c.coordinatorSub().equals(caller.sub());
        }
        return caller.email() != null && caller.email().strip().equalsIgnoreCase(c.coordinatorEmail().strip());
    }

    ClinicResource toResource(ClinicEntity c) {
        return new ClinicResource(c.id(), c.status(), c.version(), c.problemStatementId(), c.problemTitle(),
                new Agency(c.agencyCode(), c.agencyName(), c.agencyDomain()), c.slotId(),
                c.activeSlotId() != null, new Contact(c.coordinatorName(), c.coordinatorEmail()),
                c.startsAt(), c.endsAt(),
                linked(c).stream().map(l -> new ClinicResource.LinkedCompanyResource(l.solutionProfileId(), l.organisationName(), l.score())).toList(),
                c.confirmationExpiresAt(), c.createdAt(), c.updatedAt(), c.cancellationReason());
    }

    /** The clinic as {@code innoleap.bookings} carries it. */
    BookingSnapshot snapshot(ClinicEntity c) {
        return new BookingSnapshot(c.id(), BookingSnapshot.Kind.CLINIC, c.status().name(), c.version(), null,
                c.startsAt(), c.endsAt(), null, List.of(c.agencyCode()), List.of(c.problemStatementId()), c.problemStatementId(),
                linked(c).stream().map(l -> new BookingSnapshot.Participant(l.solutionProfileId(), l.organisationName(), null, null)).toList(),
                new Contact(c.coordinatorName(), c.coordinatorEmail()), c.createdAt(), c.updatedAt(), c.cancellationReason());
    }

    /** The clinic as its emails and confirmation page show it. */
    ClinicMailView mailView(ClinicEntity c) {
        Contact agencyContact = c.agencyContactEmail() == null || c.agencyContactEmail().isBlank()
                ? null : new Contact(c.agencyContactName(), c.agencyContactEmail());
        List<ClinicMailView.LinkedCompany> companies = linked(c).stream().map(l -> new ClinicMailView.LinkedCompany(l.organisationName(),
                l.contactEmail() == null || l.contactEmail().isBlank() ? null
                        : new Contact(l.contactName(), l.contactEmail()))).toList();
        return new ClinicMailView(c.id(), c.problemTitle(), new Agency(c.agencyCode(), c.agencyName(), c.agencyDomain()),
                agencyContact, new Coordinator(c.coordinatorName(), c.coordinatorEmail()), c.startsAt(), c.endsAt(), null, companies);
    }

    List<LinkedCompanyRecord> linked(ClinicEntity c) {
        try {
            return json.readValue(c.linkedCompanies(), LINKED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String toJson(List<LinkedCompanyRecord> linked) {
        try {
            return json.writeValueAsString(linked);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
