package io.innoleap.scheduler.clinics.domain;

import io.innoleap.scheduler.programme.domain.FieldError;
import io.innoleap.scheduler.programme.domain.InvalidRequestException;
import io.innoleap.scheduler.readmodel.RankedProvider;

import static io.innoleap.scheduler.Fixtures.CLOCK;
import static io.innoleap.scheduler.Fixtures.NOW;
import static io.innoleap.scheduler.Fixtures.id;
import static io.innoleap.scheduler.Fixtures.match;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClinicRulesTest {
    private static final Instant TEN = Instant.parse("2027-01-14T02:00:00Z"); // 10:00 in Singapore
    private final ClinicSlotRules rules = new ClinicSlotRules(ClinicPolicy.defaults(), CLOCK);
    private final Coordinator ann = new Coordinator("Ann Lee", "ann@innoleap.sg");

    @ParameterizedTest
    @ValueSource(ints = {15, 60, 240})
    void slotsOfFifteenToTwoHundredFortyMinutesAreAccepted(int minutes) {
        TimeWindow window = rules.validateNewSlot(ann, TEN, minutes);

        assertThat(window.start()).isEqualTo(TEN);
        assertThat(window.end()).isEqualTo(TEN.plusSeconds(minutes * 60L));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 14, 241})
    void slotsOutsideTheDurationRangeAreRefused(int minutes) {
        assertThatThrownBy(() -> rules.validateNewSlot(ann, TEN, minutes))
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("durationMinutes"));
    }

    @Test
    void slotsMustStartInTheFutureAndHaveAReachableCoordinator() {
        assertThatThrownBy(() -> rules.validateNewSlot(new Coordinator("", "not-an-email"), NOW, null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("coordinator.name", "coordinator.email", "startsAt", "durationMinutes"));
        assertThatThrownBy(() -> rules.validateNewSlot(null, null, 30))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("coordinator", "startsAt"));
    }

    @Test
    void overlapIsHalfOpenSoBackToBackSlotsAreFine() {
        TimeWindow nineToTen = TimeWindow.of(TEN.minusSeconds(3600), 60);
        TimeWindow tenToEleven = TimeWindow.of(TEN, 60);
        TimeWindow halfPastNine = TimeWindow.of(TEN.minusSeconds(1800), 60);
        TimeWindow inside = TimeWindow.of(TEN.plusSeconds(600), 15);

        assertThat(nineToTen.overlaps(tenToEleven)).isFalse();
        assertThat(tenToEleven.overlaps(nineToTen)).isFalse();
        assertThat(halfPastNine.overlaps(tenToEleven)).isTrue();
        assertThat(tenToEleven.overlaps(halfPastNine)).isTrue();
        assertThat(inside.overlaps(tenToEleven)).isTrue();
        assertThat(tenToEleven.overlaps(inside)).isTrue();
        assertThat(tenToEleven.overlaps(tenToEleven)).isTrue();
    }

    @Test
    void onlyTheSameCoordinatorsSlotsConflict() {
        List<ExistingClinicSlot> existing = List.of(
                new ExistingClinicSlot(id("bob-slot"), new Coordinator("Bob", "bob@innoleap.sg"), TimeWindow.of(TEN, 60)),
                new ExistingClinicSlot(id("ann-slot"), new Coordinator("Ann", "ANN@innoleap.sg"), TimeWindow.of(TEN.plusSeconds(1800), 60)));

        assertThat(ClinicSlotRules.firstOverlap(ann, TimeWindow.of(TEN, 30), existing)).isEmpty();
        assertThatThrownBy(() -> ClinicSlotRules.ensureNoOverlap(ann, TimeWindow.of(TEN, 45), existing))
                .isInstanceOfSatisfying(OverlappingSlotException.class, e -> {
                    assertThat(e.conflictingSlotId()).isEqualTo(id("ann-slot"));
                });
    }

    @Test
    void linkedCompaniesAreTheProblemsBestDistinctMatches() {
        List<RankedProvider> linked = rules.linkedCompanies(List.of(
                match("Aurora", 0.5, "smart-cities"), match("Beacon", 0.8, "cloud"), match("Aurora", 0.9, "data-analytics"),
                match("Citrine", 0.3, "smart-cities"), match("Dynamo", 0.6, "smart-cities"), match("Zero", 0.0, "smart-cities")));

        assertThat(linked).extracting(RankedProvider::organisationName).containsExactly("Aurora", "Beacon", "Dynamo");
        assertThat(linked.get(0).bestScore()).isEqualTo(0.9);
    }

    @Test
    void pendingClinicsCanBeConfirmedDeclinedOrExpireAndHoldTheirSlotUntilThen() {
        assertThat(ClinicStatus.PENDING_CONFIRMATION.apply(ClinicTransition.CONFIRM)).isEqualTo(ClinicStatus.CONFIRMED);
        assertThat(ClinicStatus.PENDING_CONFIRMATION.apply(ClinicTransition.DECLINE)).isEqualTo(ClinicStatus.DECLINED);
        assertThat(ClinicStatus.PENDING_CONFIRMATION.apply(ClinicTransition.EXPIRE)).isEqualTo(ClinicStatus.EXPIRED);

        assertThat(ClinicStatus.PENDING_CONFIRMATION.holdsSlot()).isTrue();
        assertThat(ClinicStatus.CONFIRMED.holdsSlot()).isTrue();
        assertThat(ClinicStatus.DECLINED.holdsSlot()).isFalse();
        assertThat(ClinicStatus.EXPIRED.holdsSlot()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ClinicStatus.class, names = {"CONFIRMED", "DECLINED", "EXPIRED"})
    void decidedClinicsNeverChangeAgain(ClinicStatus decided) {
        for (ClinicTransition t : ClinicTransition.values()) {
            assertThatThrownBy(() -> decided.apply(t))
                    .isInstanceOfSatisfying(IllegalClinicTransitionException.class, e -> {
                        assertThat(e.from()).isEqualTo(decided);
                    });
        }
        assertThat(decided.isFinal()).isTrue();
    }

    @Test
    void theFormDecisionIsParsedStrictly() {
        assertThat(ConfirmationDecision.parse("CONFIRM").transition()).isEqualTo(ClinicTransition.CONFIRM);
        assertThat(ConfirmationDecision.parse("DECLINE").transition()).isEqualTo(ClinicTransition.DECLINE);
        for (String bad : new String[] {null, "", "confirm", "YES", "CONFIRM "}) {
            assertThatThrownBy(() -> ConfirmationDecision.parse(bad)).isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void aSlotThatHasStartedCannotBeBooked() {
        rules.ensureBookable(TimeWindow.of(NOW.plusSeconds(60), 30));

        assertThatThrownBy(() -> rules.ensureBookable(TimeWindow.of(NOW, 30)))
                .isInstanceOf(SlotStartedException.class);
        assertThatThrownBy(() -> rules.ensureBookable(TimeWindow.of(NOW.minusSeconds(600), 30)))
                .isInstanceOf(SlotStartedException.class);
    }
}
