package io.innoleap.scheduler.clinics.domain;

import io.innoleap.scheduler.programme.domain.FieldErrors;
import io.innoleap.scheduler.readmodel.ProviderMatch;
import io.innoleap.scheduler.readmodel.ProviderRanking;
import io.innoleap.scheduler.readmodel.RankedProvider;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Clinic slot rules ({@code POST /api/clinic-slots}) and linked-company selection
 * ({@code POST /api/clinics}). The database enforces the no-overlap rule too; this pure check
 * gives the client a precise refusal before a write.
 */
public final class ClinicSlotRules {
    // Deliberately loose: one @, no spaces, a dot in the domain. SMTP is the real judge.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final ClinicPolicy policy;
    private final Clock clock;

    public ClinicSlotRules(ClinicPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * {@link io.innoleap.scheduler.programme.domain.InvalidRequestException} unless: coordinator name 1..200 chars and a plausible email (max 254), startsAt in the
     * future, durationMinutes within {@code policy} (15..240 by default).
     */
    public TimeWindow validateNewSlot(Coordinator coordinator, Instant startsAt, Integer durationMinutes) {
        FieldErrors errors = new FieldErrors();
        if (coordinator == null) {
            errors.add("coordinator", "is required");
        } else {
            errors.text("coordinator.name", coordinator.name(), 1, 200, true);
            if (coordinator.email() == null || coordinator.email().isBlank()) {
                errors.add("coordinator.email", "is required");
            } else if (coordinator.email().length() > 254 || !EMAIL.matcher(coordinator.email().strip()).matches()) {
                errors.add("coordinator.email", "must be an email address");
            }
        }
        if (startsAt == null) {
            errors.add("startsAt", "is required");
        } else if (!startsAt.isAfter(clock.instant())) {
            errors.add("startsAt", "must be in the future");
        }
        errors.requiredRange("durationMinutes", durationMinutes, policy.minSlotMinutes(), policy.maxSlotMinutes());
        errors.throwIfAny();
        return TimeWindow.of(startsAt, durationMinutes);
    }

    /** The earliest slot of the same coordinator that overlaps {@code candidate}, if any. */
    public static Optional<ExistingClinicSlot> firstOverlap(Coordinator coordinator, TimeWindow candidate,
                                                            Collection<ExistingClinicSlot> existing) {
        return existing.stream()
                .filter(s -> s.coordinator().identity().equals(coordinator.identity()))
                .filter(s -> s.window().overlaps(candidate))
                .min(Comparator.comparing((ExistingClinicSlot s) -> s.window().start()).thenComparing(ExistingClinicSlot::id));
    }

    /** Throws {@link OverlappingSlotException} when {@link #firstOverlap} finds one. */
    public static void ensureNoOverlap(Coordinator coordinator, TimeWindow candidate, Collection<ExistingClinicSlot> existing) {
        firstOverlap(coordinator, candidate, existing).ifPresent(s -> {
            throw new OverlappingSlotException(s.id(), "the coordinator already has slot " + s.id() + " from "
                    + s.window().start() + " to " + s.window().end() + ", which overlaps " + candidate.start() + " to " + candidate.end());
        });
    }

    /**
     * A clinic can be requested only in a slot that has not started yet ({@link SlotStartedException} otherwise). Whether
     * the slot is already held is decided by the database's unique constraint, not here.
     */
    public void ensureBookable(TimeWindow slot) {
        if (!slot.start().isAfter(clock.instant())) {
            throw new SlotStartedException("the slot started at " + slot.start() + " and can no longer be booked");
        }
    }

    /**
     * The problem's best matches as linked companies: each provider once at its best score, best
     * first (ties as {@link ProviderRanking}), at most the policy's limit; non-positive scores ignored.
     */
    public List<RankedProvider> linkedCompanies(List<ProviderMatch> problemMatches) {
        java.util.Map<java.util.UUID, ProviderMatch> best = new java.util.HashMap<>();
        for (ProviderMatch m : problemMatches) {
            if (Double.isFinite(m.score()) && m.score() > 0) {
                best.merge(m.solutionProfileId(), m, (a, b) -> b.score() > a.score() ? b : a);
            }
        }
        return best.values().stream()
                .map(m -> new RankedProvider(m.solutionProfileId(), m.organisationName(), m.score(), m.score(), 1))
                .sorted(ProviderRanking.ORDER)
                .limit(policy.linkedCompanies())
                .toList();
    }
}
