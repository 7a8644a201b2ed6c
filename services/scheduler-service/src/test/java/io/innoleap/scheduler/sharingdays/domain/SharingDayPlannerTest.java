package io.innoleap.scheduler.sharingdays.domain;

import io.innoleap.contracts.events.Horizon;
import io.innoleap.scheduler.programme.domain.FieldError;
import io.innoleap.scheduler.programme.domain.InvalidRequestException;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;
import io.innoleap.scheduler.readmodel.ProviderMatch;

import io.innoleap.scheduler.Fixtures;

import static io.innoleap.scheduler.Fixtures.CALENDAR;
import static io.innoleap.scheduler.Fixtures.CLOCK;
import static io.innoleap.scheduler.Fixtures.match;
import static io.innoleap.scheduler.Fixtures.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SharingDayPlannerTest {
    private static final LocalDate WEDNESDAY = LocalDate.parse("2027-02-03");
    private final SharingDayPlanner planner = new SharingDayPlanner(CALENDAR, SharingDayPolicy.defaults(), CLOCK);

    private final OpenProblemStatement bus = problem("Bus bunching", "LTA", "transport", Horizon.IMMEDIATE_OPERATIONAL, "smart-cities");
    private final OpenProblemStatement kerb = problem("Kerb congestion", "URA", "transport", Horizon.LONG_TERM, "smart-cities");
    private final OpenProblemStatement flats = problem("Flat defects", "HDB", "housing", Horizon.LONG_TERM, "smart-cities");
    private final OpenProblemStatement trains = problem("Train faults", "SMRT", "transport", Horizon.LONG_TERM, "data-analytics");
    private final List<OpenProblemStatement> open = List.of(bus, kerb, flats, trains);
    private final Map<UUID, List<ProviderMatch>> matches = Map.of(
            bus.id(), List.of(match("Aurora", 0.9, "smart-cities"), match("Beacon", 0.5, "smart-cities"),
                    match("Cipher", 0.95, "cybersecurity")),
            kerb.id(), List.of(match("Beacon", 0.6, "smart-cities"), match("Citrine", 0.4, "smart-cities")),
            flats.id(), List.of(match("Housebot", 0.99, "smart-cities")),
            trains.id(), List.of(match("Railsense", 0.9, "data-analytics")));

    private SharingDayRequest request(Audience audience, String start, int presentation, int consultation, int max) {
        return new SharingDayRequest("smart-cities", audience, WEDNESDAY, LocalTime.parse(start), presentation, consultation, max);
    }

    private static void assertWellFormed(SharingDayAgenda agenda, int presentation, int consultation) {
        OffsetDateTime cursor = agenda.presenters().get(0).startsAt();
        for (PresenterSlot slot : agenda.presenters()) {
            assertThat(slot.startsAt()).as("slots are consecutive, no gap or overlap").isEqualTo(cursor);
            assertThat(Duration.between(slot.startsAt(), slot.endsAt())).isEqualTo(Duration.ofMinutes(presentation));
            cursor = slot.endsAt();
        }
        assertThat(agenda.consultation().startsAt()).as("consultation follows the last slot").isEqualTo(cursor);
        assertThat(Duration.between(agenda.consultation().startsAt(), agenda.consultation().endsAt()))
                .isEqualTo(Duration.ofMinutes(consultation));
        assertThat(agenda.presenters()).extracting(PresenterSlot::solutionProfileId).doesNotHaveDuplicates();
    }

    @Test
    void givesEachBestMatchedProviderItsOwnSlotThenOneConsultationBlock() {
        SharingDayAgenda agenda = planner.build(request(Audience.of(List.of("LTA", "URA"), null), "09:30", 20, 60, 6), open, matches);

        // Beacon 0.5 + 0.6 = 1.1, Aurora 0.9, Citrine 0.4; Cipher is not on the theme, Housebot's HDB is not in the audience.
        assertThat(agenda.presenters()).extracting(PresenterSlot::organisationName).containsExactly("Beacon", "Aurora", "Citrine");
        assertThat(agenda.presenters()).extracting(PresenterSlot::order).containsExactly(1, 2, 3);
        PresenterSlot first = agenda.presenters().get(0);
        assertThat(first.startsAt()).isEqualTo(OffsetDateTime.of(2027, 2, 3, 9, 30, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(first.endsAt()).isEqualTo(OffsetDateTime.of(2027, 2, 3, 9, 50, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(agenda.consultation().startsAt().toLocalTime()).isEqualTo(LocalTime.of(10, 30));
        assertThat(agenda.consultation().endsAt().toLocalTime()).isEqualTo(LocalTime.of(11, 30));
        assertThat(agenda.agencyCodes()).containsExactly("LTA", "URA");
        assertThat(agenda.problemStatementIds()).containsExactlyInAnyOrder(bus.id(), kerb.id());
        assertThat(agenda.presentersLeftOutForTime()).isZero();
        assertWellFormed(agenda, 20, 60);
    }

    @Test
    void audienceByDomainTakesEveryAgencyOfThatDomain() {
        SharingDayAgenda byDomain = planner.build(request(Audience.of(null, "Housing"), "09:30", 30, 45, 6), open, matches);

        assertThat(byDomain.presenters()).extracting(PresenterSlot::organisationName).containsExactly("Housebot");
        assertThat(byDomain.agencyCodes()).containsExactly("HDB");

        SharingDayAgenda transport = planner.build(request(Audience.of(null, "transport"), "09:30", 30, 45, 6), open, matches);
        assertThat(transport.agencyCodes()).containsExactly("LTA", "URA");
        assertWellFormed(transport, 30, 45);
    }

    @Test
    void aProviderThatPresentsElsewhereThenIsPassedOverAndTheNextTakesTheSlot() {
        // Beacon presents at another sharing day until 09:40, Aurora from 10:00.
        PresenterCalendar elsewhere = (profile, start, end) -> {
            boolean busy = profile.equals(Fixtures.id("Beacon")) && start.toLocalTime().isBefore(LocalTime.of(9, 40))
                    || profile.equals(Fixtures.id("Aurora")) && end.toLocalTime().isAfter(LocalTime.of(10, 0));
            return busy ? java.util.Optional.of("busy") : java.util.Optional.empty();
        };
        SharingDayAgenda agenda = planner.build(request(Audience.of(List.of("LTA", "URA"), null), "09:30", 20, 60, 6),
                open, matches, elsewhere);

        // 09:30 Beacon is busy -> Aurora (09:30-09:50); 09:50 Beacon is free -> Beacon; 10:10 Citrine.
        assertThat(agenda.presenters()).extracting(PresenterSlot::organisationName).containsExactly("Aurora", "Beacon", "Citrine");
        assertThat(agenda.presenters()).extracting(PresenterSlot::order).containsExactly(1, 2, 3);
        assertWellFormed(agenda, 20, 60);

        PresenterCalendar everyoneBusy = (profile, start, end) -> java.util.Optional.of("busy");
        assertThatThrownBy(() -> planner.build(request(Audience.of(List.of("LTA"), null), "09:30", 20, 60, 6), open, matches,
                everyoneBusy)).isInstanceOfSatisfying(NoMatchingPresentersException.class, e ->
                assertThat(e.reason()).isEqualTo(NoMatchingPresentersException.Reason.PRESENTERS_BOOKED_ELSEWHERE));
    }

    @Test
    void maxPresentersCapsTheAgenda() {
        SharingDayAgenda agenda = planner.build(request(Audience.of(List.of("lta", "ura"), null), "09:30", 20, 60, 2), open, matches);

        assertThat(agenda.presenters()).extracting(PresenterSlot::organisationName).containsExactly("Beacon", "Aurora");
        assertThat(agenda.presentersLeftOutForTime()).isZero();
    }

    @Test
    void aDayThatWouldRunPastTheEndOfDayKeepsTheBestRankedPresentersThatFit() {
        SharingDayAgenda agenda = planner.build(request(Audience.of(List.of("LTA", "URA"), null), "16:00", 30, 60, 6), open, matches);

        assertThat(agenda.presenters()).extracting(PresenterSlot::organisationName).containsExactly("Beacon", "Aurora");
        assertThat(agenda.presentersLeftOutForTime()).isEqualTo(1);
        assertThat(agenda.endsAt().toLocalTime()).isEqualTo(LocalTime.of(18, 0));
        assertWellFormed(agenda, 30, 60);
    }

    @Test
    void manyProvidersNeverProduceAnOverlapOrRunPastSixPm() {
        List<ProviderMatch> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(match("Provider " + i, 0.01 * (i + 1), "smart-cities"));
        }
        SharingDayAgenda agenda = planner.build(request(Audience.of(List.of("LTA"), null), "08:00", 25, 90, 30), open,
                Map.of(bus.id(), many));

        assertWellFormed(agenda, 25, 90);
        assertThat(agenda.presenters()).hasSize(20); // (600 - 90) / 25 = 20.4
        assertThat(agenda.presentersLeftOutForTime()).isEqualTo(10);
        assertThat(agenda.presenters().get(0).organisationName()).isEqualTo("Provider 39");
        assertThat(agenda.endsAt().toLocalTime()).isBeforeOrEqualTo(LocalTime.of(18, 0));
    }

    @Test
    void aStartTooLateForEvenOnePresentationIsABadRequest() {
        assertThatThrownBy(() -> planner.build(request(Audience.of(List.of("LTA"), null), "17:00", 20, 60, 6), open, matches))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.field()).isEqualTo("startTime");
                    assertThat(err.message()).contains("16:40");
                }));
    }

    @Test
    void anAudienceWithoutOpenStatementsOnTheThemeIsAConflict() {
        assertThatThrownBy(() -> planner.build(request(Audience.of(List.of("SMRT"), null), "09:30", 20, 60, 6), open, matches))
                .isInstanceOfSatisfying(NoMatchingPresentersException.class, e -> {
                    assertThat(e.reason()).isEqualTo(NoMatchingPresentersException.Reason.NO_OPEN_PROBLEM_STATEMENTS);
                });
    }

    @Test
    void noProviderOnTheThemeIsAConflict() {
        Map<UUID, List<ProviderMatch>> offTheme = Map.of(bus.id(), List.of(match("Cipher", 0.95, "cybersecurity")));

        assertThatThrownBy(() -> planner.build(request(Audience.of(List.of("LTA"), null), "09:30", 20, 60, 6), open, offTheme))
                .isInstanceOfSatisfying(NoMatchingPresentersException.class, e ->
                        assertThat(e.reason()).isEqualTo(NoMatchingPresentersException.Reason.NO_MATCHING_PROVIDERS));
    }

    @Test
    void audienceNeedsExactlyOneOfAgencyCodesOrDomain() {
        assertThatThrownBy(() -> Audience.of(List.of("LTA"), "transport")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Audience.of(List.of(), " ")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Audience.of(List.of("LTA", ""), null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("audience.agencyCodes[1]"));
    }

    @Test
    void everyBadFieldIsListed() {
        SharingDayRequest bad = new SharingDayRequest("", null, LocalDate.parse("2026-11-20"), LocalTime.of(6, 0), 2, 500, 0);

        assertThatThrownBy(() -> planner.build(bad, open, matches))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("theme", "audience", "date", "startTime", "presentationMinutes",
                                "consultationMinutes", "maxPresenters"));
    }

    @Test
    void weekendsAreRefused() {
        SharingDayRequest saturday = new SharingDayRequest("smart-cities", Audience.of(List.of("LTA"), null),
                LocalDate.parse("2027-02-06"), LocalTime.of(9, 30), 20, 60, 6);

        assertThatThrownBy(() -> planner.build(saturday, open, matches))
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("date"));
    }
}
