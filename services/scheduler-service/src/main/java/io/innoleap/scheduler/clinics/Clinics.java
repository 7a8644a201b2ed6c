package io.innoleap.scheduler.clinics;

import io.innoleap.contracts.events.BookingSnapshot;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.scheduler.clinics.ClinicRepositories.ClinicRepository;
import io.innoleap.scheduler.clinics.ClinicRepositories.ClinicSlotRepository;
import io.innoleap.scheduler.clinics.ClinicRepositories.ConfirmationTokenRepository;
import io.innoleap.scheduler.domain.Agency;
import io.innoleap.scheduler.domain.ClinicSlotRules;
import io.innoleap.scheduler.domain.ClinicStatus;
import io.innoleap.scheduler.domain.ConfirmationTokens;
import io.innoleap.scheduler.domain.Coordinator;
import io.innoleap.scheduler.domain.IssuedConfirmationToken;
import io.innoleap.scheduler.domain.ProviderMatch;
import io.innoleap.scheduler.domain.RankedProvider;
import io.innoleap.scheduler.domain.SlotUnavailableException;
import io.innoleap.scheduler.email.MailOutbox;
import io.innoleap.scheduler.mail.ClinicMailView;
import io.innoleap.scheduler.mail.SchedulerMails;
import io.innoleap.scheduler.readmodel.ProblemStatementView;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.readmodel.SolutionProfileView;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.outbox.Outbox;
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
 * a 409. The clinic, its token hash, the {@code ClinicRequested} event and the coordinator's email
 * commit together or not at all.
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
    private final SchedulerMails mails;
    private final MailOutbox mailOutbox;
    private final Outbox outbox;
    private final JsonMapper json;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public Clinics(ClinicRepository clinics, ClinicSlotRepository slots, ConfirmationTokenRepository tokens,
                   ReadModel readModel, ClinicSlotRules rules, ConfirmationTokens confirmationTokens,
                   SchedulerMails mails, MailOutbox mailOutbox, Outbox outbox, JsonMapper json,
                   TransactionOperations<Connection> tx, Clock clock) {
        this.clinics = clinics;
        this.slots = slots;
        this.tokens = tokens;
        this.readModel = readModel;
        this.rules = rules;
        this.confirmationTokens = confirmationTokens;
        this.mails = mails;
        this.mailOutbox = mailOutbox;
        this.outbox = outbox;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
    }

    public ClinicResource request(ClinicRequest request) {
        UUID problemId = request.problemStatementId();
        ProblemStatementView problem = readModel.problemStatement(problemId)
                .orElseThrow(() -> ApiException.notFound("Problem statement", problemId));
        if (!problem.isOpen()) {
            throw ApiException.conflict("Problem statement " + problemId + " is " + problem.status()
                    + "; clinics can only be requested for OPEN problem statements");
        }
        ClinicSlotEntity slot = slots.findById(request.slotId())
                .orElseThrow(() -> ApiException.notFound("Clinic slot", request.slotId()));
        rules.ensureBookable(slot.window());
        // A friendly early answer; the UNIQUE constraint below is what actually decides.
        clinics.findHoldingSlot(slot.id().toString()).ifPresent(c -> {
            throw slotTaken(slot.id());
        });

        List<ProviderMatch> matches = readModel.matchesFor(List.of(problemId)).getOrDefault(problemId, List.of());
        List<RankedProvider> best = rules.linkedCompanies(matches);
        Map<UUID, SolutionProfileView> profiles = readModel.solutionProfiles(best.stream().map(RankedProvider::solutionProfileId).toList());
        List<LinkedCompanyRecord> linked = best.stream().map(p -> {
            SolutionProfileView profile = profiles.get(p.solutionProfileId());
            return new LinkedCompanyRecord(p.solutionProfileId(), p.organisationName(), p.bestScore(),
                    profile == null ? null : profile.contactName(), profile == null ? null : profile.contactEmail());
        }).toList();

        Instant now = Times.now(clock);
        IssuedConfirmationToken token = confirmationTokens.issueFor(slot.startsAt());
        Instant expiresAt = Times.stored(token.expiresAt());
        ClinicEntity clinic = new ClinicEntity(UUID.randomUUID(), slot.id(), slot.id(), problemId, problem.title(),
                problem.agencyCode(), problem.agencyName(), problem.agencyDomain(), problem.contactName(), problem.contactEmail(),
                slot.coordinatorName(), slot.coordinatorEmail(), slot.startsAt(), slot.endsAt(), toJson(linked),
                ClinicStatus.PENDING_CONFIRMATION, expiresAt, 0, now, now);
        try {
            tx.executeWrite(status -> {
                clinics.save(clinic);
                tokens.save(new ConfirmationTokenEntity(token.tokenHash(), clinic.id(), expiresAt, null));
                outbox.append(Topics.BOOKINGS, clinic.id().toString(), BookingSnapshot.CLINIC_REQUESTED, snapshot(clinic));
                mailOutbox.enqueue(List.of(clinic.coordinatorEmail()),
                        mails.clinicConfirmationRequest(mailView(clinic), token.token(), expiresAt));
                return null;
            });
        } catch (RuntimeException e) {
            if (DatabaseErrors.isDuplicateKey(e, ACTIVE_SLOT_CONSTRAINT)) {
                throw slotTaken(slot.id());
            }
            throw e;
        }
        return toResource(clinic);
    }

    private static SlotUnavailableException slotTaken(UUID slotId) {
        return new SlotUnavailableException("clinic slot " + slotId + " is already held by another clinic");
    }

    public ClinicResource get(UUID id) {
        return toResource(clinics.findById(id).orElseThrow(() -> ApiException.notFound("Clinic", id)));
    }

    ClinicResource toResource(ClinicEntity c) {
        return new ClinicResource(c.id(), c.status(), c.version(), c.problemStatementId(), c.problemTitle(),
                new ClinicResource.AgencyResource(c.agencyCode(), c.agencyName(), c.agencyDomain()), c.slotId(),
                c.activeSlotId() != null, new ClinicSlotResource.ContactResource(c.coordinatorName(), c.coordinatorEmail()),
                c.startsAt(), c.endsAt(),
                linked(c).stream().map(l -> new ClinicResource.LinkedCompanyResource(l.solutionProfileId(), l.organisationName(), l.score())).toList(),
                c.confirmationExpiresAt(), c.createdAt(), c.updatedAt());
    }

    /** The clinic as {@code innoleap.bookings} carries it. */
    BookingSnapshot snapshot(ClinicEntity c) {
        return new BookingSnapshot(c.id(), BookingSnapshot.Kind.CLINIC, c.status().name(), c.version(), null,
                c.startsAt(), c.endsAt(), null, List.of(c.agencyCode()), List.of(c.problemStatementId()), c.problemStatementId(),
                linked(c).stream().map(l -> new BookingSnapshot.Participant(l.solutionProfileId(), l.organisationName(), null, null)).toList(),
                new Contact(c.coordinatorName(), c.coordinatorEmail()), c.createdAt(), c.updatedAt());
    }

    /** The clinic as its emails and confirmation page show it. */
    ClinicMailView mailView(ClinicEntity c) {
        io.innoleap.scheduler.domain.Contact agencyContact = c.agencyContactEmail() == null || c.agencyContactEmail().isBlank()
                ? null : new io.innoleap.scheduler.domain.Contact(c.agencyContactName(), c.agencyContactEmail());
        List<ClinicMailView.LinkedCompany> companies = linked(c).stream().map(l -> new ClinicMailView.LinkedCompany(l.organisationName(),
                l.contactEmail() == null || l.contactEmail().isBlank() ? null
                        : new io.innoleap.scheduler.domain.Contact(l.contactName(), l.contactEmail()))).toList();
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
