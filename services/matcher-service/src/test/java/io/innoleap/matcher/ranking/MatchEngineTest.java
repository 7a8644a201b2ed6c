package io.innoleap.matcher.ranking;

import static io.innoleap.matcher.ranking.Samples.BUS;
import static io.innoleap.matcher.ranking.Samples.HEADWAY;
import static io.innoleap.matcher.ranking.Samples.PARKING;
import static io.innoleap.matcher.ranking.Samples.TUTOR;
import static io.innoleap.matcher.ranking.Samples.engine;
import static io.innoleap.matcher.ranking.Samples.id;
import static io.innoleap.matcher.ranking.Samples.problem;
import static io.innoleap.matcher.ranking.Samples.profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MatchEngineTest {

    private static final MatchConfig NO_MIN = MatchConfig.defaults().withMinScore(0);

    private static List<UUID> ids(List<Match> matches) {
        return matches.stream().map(Match::profileId).toList();
    }

    @Test
    void onlyOpenProblemsActiveProfilesAndSharedThemesArePaired() {
        MatchEngine engine = engine(NO_MIN);
        // Same capability, but declared on a theme the problem does not have.
        ProfileDoc offTheme = profile("off-theme", HEADWAY.solutionName(), HEADWAY.summary(), HEADWAY.keywords(), 8,
                "education");
        ProfileDoc withdrawn = new ProfileDoc(id("withdrawn"), HEADWAY.solutionName(), HEADWAY.summary(),
                HEADWAY.keywords(), HEADWAY.themes(), 8, false);
        for (ProfileDoc p : List.of(HEADWAY, PARKING, TUTOR, offTheme, withdrawn)) {
            engine.upsertProfile(p);
        }
        engine.upsertProblem(BUS);

        assertThat(ids(engine.rank(BUS.id(), 10))).containsExactlyInAnyOrder(HEADWAY.id(), PARKING.id());

        ProblemDoc closed = new ProblemDoc(BUS.id(), BUS.title(), BUS.description(), BUS.themes(), BUS.horizon(), false);
        engine.upsertProblem(closed);
        assertThat(engine.rank(BUS.id(), 10)).isEmpty();
        assertThat(engine.scoreAgainstProblems(HEADWAY.id())).isEmpty();
        assertThat(engine.hasProblem(BUS.id())).isTrue();
    }

    @Test
    void theFittingProfileComesFirstAndScoresAreInUnitRange() {
        MatchEngine engine = engine(NO_MIN);
        for (ProfileDoc p : List.of(PARKING, HEADWAY, TUTOR)) {
            engine.upsertProfile(p);
        }
        engine.upsertProblem(BUS);
        engine.upsertProblem(problem("maths", "Pupils falling behind in mathematics",
                "Many primary school pupils fall behind in mathematics and teachers cannot give each one practice "
                        + "at the right level.", Horizon.LONG_TERM, "education"));

        List<Match> ranked = engine.rank(BUS.id(), 10);
        assertThat(ranked.get(0).profileId()).isEqualTo(HEADWAY.id());
        assertThat(ranked.get(0).score()).isGreaterThan(ranked.get(1).score());
        assertThat(ranked.get(0).sharedThemes()).containsExactly("smart-cities", "transport");
        assertThat(ranked.get(1).sharedThemes()).containsExactly("transport");
        for (Match m : ranked) {
            assertThat(m.score()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void matchedTermsAreTheProblemsOwnWordsNotStemsOrStopWords() {
        MatchEngine engine = engine(NO_MIN);
        engine.upsertProfile(HEADWAY);
        engine.upsertProfile(PARKING);
        engine.upsertProblem(BUS);

        Match best = engine.rank(BUS.id(), 1).get(0);
        // "bunching" is stemmed to "bunch" and "headways" to "headwai"; explanations show the words.
        assertThat(best.matchedTerms()).contains("bunching", "headways")
                .doesNotContain("bunch", "headwai", "we", "the", "or")
                .hasSizeLessThanOrEqualTo(5);
        assertThat(best.matchedTerms()).anyMatch(t -> t.startsWith("bus"));
    }

    @Test
    void embeddingsFindTheFitWhenItUsesOtherWordsThanTheProblem() {
        ProblemDoc falls = problem("falls", "Seniors who fall at home alone",
                "Elderly residents living alone may fall at home and lie undiscovered for hours. We want to know "
                        + "quickly when a senior has collapsed, without cameras in their homes.",
                Horizon.LONG_TERM, "healthcare");
        // Solves it, but in other words: "older people", "lying on the floor", "slip", "caregivers".
        ProfileDoc radar = profile("radar", "Guardwave",
                "A radar sensor for older people's flats that recognises a person lying on the floor after a slip "
                        + "and alerts caregivers within a minute, with no imaging.",
                List.of("radar", "ageing in place", "caregiver alerts"), 8, "healthcare");
        // Shares the problem's words (residents, homes, hours) but is about something else.
        ProfileDoc renovation = profile("renovation", "HomeFix",
                "A marketplace where residents book contractors by the hour for repairs in their homes.",
                List.of("home repair", "residents", "contractors"), 9, "healthcare");

        MatchEngine engine = engine(NO_MIN);
        MatchEngine lexicalOnly = engine(NO_MIN.withLexicalWeight(1).withHubnessWeight(0));
        for (MatchEngine e : List.of(engine, lexicalOnly)) {
            e.upsertProfile(radar);
            e.upsertProfile(renovation);
            e.upsertProblem(falls);
        }
        assertThat(lexicalOnly.rank(falls.id(), 2).get(0).profileId()).isEqualTo(renovation.id());
        Match best = engine.rank(falls.id(), 2).get(0);
        assertThat(best.profileId()).isEqualTo(radar.id());
    }

    @Test
    void aGenericPlatformDoesNotTopEveryList() {
        ProfileDoc platform = profile("platform", "Insightly Analytics Cloud",
                "A self-service analytics and machine learning platform for any organisation: connect any data, "
                        + "build dashboards and train prediction models without code, for example to predict which "
                        + "students may drop out, which patients need a bed or which customers may leave.",
                List.of("analytics", "dashboards", "machine learning"), 9,
                "data-analytics", "healthcare", "education");
        ProfileDoc ward = profile("ward", "BedFlow",
                "Forecasts hospital bed occupancy and discharges ward by ward so that admissions from the emergency "
                        + "department do not wait for a bed.", List.of("bed management", "discharge planning"), 8,
                "healthcare");
        ProfileDoc pastoral = profile("pastoral", "StayOn",
                "Pastoral-care tool for polytechnics: a weekly risk list of learners who may withdraw, built from "
                        + "attendance and grades, with counsellor follow-up.",
                List.of("learner retention", "pastoral care"), 8, "education");
        ProblemDoc beds = problem("beds", "Patients waiting for ward beds",
                "Patients admitted through the emergency department wait hours for a ward bed because discharges "
                        + "are hard to predict. We want to forecast bed demand and discharges and use the data "
                        + "to plan.", Horizon.LONG_TERM, "healthcare", "data-analytics");
        ProblemDoc students = problem("students", "Students quitting their courses",
                "Too many students leave their diploma courses in the first year. We want to use data to spot "
                        + "students who are struggling early enough to help them.", Horizon.LONG_TERM,
                "education", "data-analytics");
        ProblemDoc spreadsheets = problem("spreadsheets", "Agency performance data scattered across spreadsheets",
                "Our divisions report performance in dozens of spreadsheets. We want one place to connect the data, "
                        + "build dashboards and forecast trends without writing code.", Horizon.LONG_TERM,
                "data-analytics");

        MatchEngine engine = engine(NO_MIN);
        MatchEngine plainCosine = engine(NO_MIN.withHubnessWeight(0));
        for (MatchEngine e : List.of(engine, plainCosine)) {
            for (ProfileDoc p : List.of(platform, ward, pastoral)) {
                e.upsertProfile(p);
            }
            for (ProblemDoc p : List.of(beds, students, spreadsheets)) {
                e.upsertProblem(p);
            }
        }
        // Plain cosine: the platform, close to everything, beats the specific tool for students.
        assertThat(plainCosine.rank(students.id(), 1).get(0).profileId()).isEqualTo(platform.id());
        // With the hubness correction it counts for students only as far as students resemble
        // its best problem (the spreadsheets one), so the specific tool comes first.
        assertThat(engine.rank(students.id(), 1).get(0).profileId()).isEqualTo(pastoral.id());
        assertThat(engine.rank(beds.id(), 1).get(0).profileId()).isEqualTo(ward.id());
        assertThat(engine.rank(spreadsheets.id(), 1).get(0).profileId()).isEqualTo(platform.id());
        // It is still offered where it shares a theme, just lower.
        assertThat(ids(engine.rank(students.id(), 10))).containsExactly(pastoral.id(), platform.id());
    }

    @Test
    void immatureProfilesRankLowerOnlyForImmediateProblems() {
        ProfileDoc lab = profile("lab", HEADWAY.solutionName(), HEADWAY.summary(), HEADWAY.keywords(), 3,
                "transport");
        ProfileDoc mature = profile("mature", HEADWAY.solutionName(), HEADWAY.summary(), HEADWAY.keywords(), 8,
                "transport");
        ProblemDoc longTerm = new ProblemDoc(id("bus-long"), BUS.title(), BUS.description(), Set.of("transport"),
                Horizon.LONG_TERM, true);
        ProblemDoc immediate = new ProblemDoc(id("bus-now"), BUS.title(), BUS.description(), Set.of("transport"),
                Horizon.IMMEDIATE_OPERATIONAL, true);
        MatchEngine engine = engine(NO_MIN);
        engine.upsertProfile(lab);
        engine.upsertProfile(mature);
        engine.upsertProblem(longTerm);
        engine.upsertProblem(immediate);

        List<Match> now = engine.rank(immediate.id(), 2);
        assertThat(now.get(0).profileId()).isEqualTo(mature.id());
        assertThat(now.get(0).score() - now.get(1).score())
                .isCloseTo(MatchConfig.defaults().readinessPenalty(), org.assertj.core.data.Offset.offset(1e-9));

        List<Match> later = engine.rank(longTerm.id(), 2);
        assertThat(later.get(0).score()).isEqualTo(later.get(1).score());
    }

    @Test
    void topKAndMinimumScoreBoundTheList() {
        MatchEngine engine = engine(NO_MIN);
        List<ProfileDoc> all = new ArrayList<>(List.of(HEADWAY, PARKING));
        for (int i = 0; i < 5; i++) {
            all.add(profile("extra" + i, "Transit tool " + i, "A tool number " + i + " for public transport operators.",
                    List.of(), 7, "transport"));
        }
        all.forEach(engine::upsertProfile);
        engine.upsertProblem(BUS);

        List<Match> top3 = engine.rank(BUS.id(), 3);
        assertThat(top3).hasSize(3);
        assertThat(top3).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(engine.rank(BUS.id(), 10)).hasSize(7);
        assertThat(engine.rank(BUS.id())).hasSize(7); // default k = 10

        double second = top3.get(1).score();
        MatchEngine strict = engine(NO_MIN.withMinScore(second));
        all.forEach(strict::upsertProfile);
        strict.upsertProblem(BUS);
        assertThat(strict.rank(BUS.id(), 10)).hasSize(2).allMatch(m -> m.score() >= second);
    }

    @Test
    void removedProfilesAndProblemsDisappearAndHubnessRecovers() {
        MatchEngine engine = engine(NO_MIN);
        engine.upsertProfile(HEADWAY);
        engine.upsertProfile(PARKING);
        ProblemDoc parking = problem("parking-problem", "Drivers circling for parking",
                "Drivers circle shopping malls looking for free car park lots and cannot pay by the minute.",
                Horizon.LONG_TERM, "transport");
        engine.upsertProblem(parking);
        double before = scoreOf(engine.rank(parking.id(), 10), HEADWAY.id());

        // The bus problem joins the parking problem's neighbourhood: HEADWAY fits it better, so
        // HEADWAY's hubness for the parking list rises and its parking score falls. Only that list moved.
        Set<UUID> changed = engine.upsertProblem(BUS);
        assertThat(changed).containsExactly(parking.id());
        assertThat(scoreOf(engine.rank(parking.id(), 10), HEADWAY.id())).isLessThan(before);

        assertThat(engine.removeProblem(BUS.id())).containsExactly(parking.id());
        assertThat(engine.rank(BUS.id(), 10)).isEmpty();
        assertThat(engine.hasProblem(BUS.id())).isFalse();
        assertThat(scoreOf(engine.rank(parking.id(), 10), HEADWAY.id())).isEqualTo(before);

        engine.removeProfile(HEADWAY.id());
        assertThat(ids(engine.rank(parking.id(), 10))).containsExactly(PARKING.id());
        assertThat(engine.scoreAgainstProblems(HEADWAY.id())).isEmpty();
        assertThat(engine.profileCount()).isEqualTo(1);
    }

    @Test
    void aNewProblemMovesOnlyTheListsWhoseNeighbourhoodItJoins() {
        MatchEngine engine = engine(NO_MIN.withHubNeighbours(1));
        for (ProfileDoc p : List.of(HEADWAY, PARKING, TUTOR)) {
            engine.upsertProfile(p);
        }
        ProblemDoc parking = problem("parking-problem", "Drivers circling for parking",
                "Drivers circle shopping malls looking for free car park lots and cannot pay by the minute.",
                Horizon.LONG_TERM, "transport");
        engine.upsertProblem(BUS);
        engine.upsertProblem(parking);
        List<Match> busBefore = engine.rank(BUS.id(), 10);
        List<Match> parkingBefore = engine.rank(parking.id(), 10);

        // A school problem is nobody's nearest problem: no other list changes, not even by a little.
        Set<UUID> changed = engine.upsertProblem(problem("maths", "Pupils falling behind in mathematics",
                "Many primary school pupils fall behind in mathematics and teachers cannot give each one practice "
                        + "at the right level.", Horizon.LONG_TERM, "education"));
        assertThat(changed).isEmpty();
        assertThat(engine.rank(BUS.id(), 10)).isEqualTo(busBefore);
        assertThat(engine.rank(parking.id(), 10)).isEqualTo(parkingBefore);
    }

    @Test
    void anUpdatedProfileIsMatchedOnItsNewThemesOnly() {
        MatchEngine engine = engine(NO_MIN);
        engine.upsertProfile(HEADWAY);
        engine.upsertProblem(BUS);
        assertThat(ids(engine.rank(BUS.id(), 10))).containsExactly(HEADWAY.id());

        ProfileDoc moved = new ProfileDoc(HEADWAY.id(), HEADWAY.solutionName(), HEADWAY.summary(),
                HEADWAY.keywords(), Set.of("education"), 8, true);
        for (int i = 0; i < 3; i++) {
            engine.upsertProfile(moved);
        }
        assertThat(engine.rank(BUS.id(), 10)).isEmpty();
        assertThat(engine.profileCount()).isEqualTo(1);
        engine.upsertProfile(HEADWAY);
        assertThat(ids(engine.rank(BUS.id(), 10))).containsExactly(HEADWAY.id());
    }

    @Test
    void scoringOneProfileAgainstAllProblemsAgreesWithRanking() {
        MatchEngine engine = engine(NO_MIN);
        for (ProfileDoc p : List.of(HEADWAY, PARKING, TUTOR)) {
            engine.upsertProfile(p);
        }
        ProblemDoc parking = problem("parking-problem", "Drivers circling for parking",
                "Drivers circle shopping malls looking for free car park lots.", Horizon.LONG_TERM, "transport");
        engine.upsertProblem(BUS);
        engine.upsertProblem(parking);

        List<Match> perProblem = engine.scoreAgainstProblems(HEADWAY.id());
        assertThat(perProblem).extracting(Match::problemId).containsExactly(BUS.id(), parking.id());
        for (Match m : perProblem) {
            assertThat(engine.rank(m.problemId(), 10)).contains(m);
        }
    }

    @Test
    void resultsDoNotDependOnInsertionOrder() {
        List<ProfileDoc> profiles = List.of(HEADWAY, PARKING, TUTOR,
                profile("twin-a", "Transit tool", "A tool for public transport operators.", List.of(), 7, "transport"),
                profile("twin-b", "Transit tool", "A tool for public transport operators.", List.of(), 7, "transport"));
        MatchEngine forward = engine(NO_MIN);
        MatchEngine backward = engine(NO_MIN);
        profiles.forEach(forward::upsertProfile);
        forward.upsertProblem(BUS);
        backward.upsertProblem(BUS);
        for (int i = profiles.size() - 1; i >= 0; i--) {
            backward.upsertProfile(profiles.get(i));
        }
        List<Match> a = forward.rank(BUS.id(), 10);
        assertThat(a).isEqualTo(backward.rank(BUS.id(), 10));
        // Equal scores are ordered by profile id, so ties are stable too.
        UUID first = id("twin-a").compareTo(id("twin-b")) < 0 ? id("twin-a") : id("twin-b");
        assertThat(ids(a).indexOf(first)).isLessThan(ids(a).indexOf(first.equals(id("twin-a")) ? id("twin-b") : id("twin-a")));
    }

    private static double scoreOf(List<Match> matches, UUID profileId) {
        return matches.stream().filter(m -> m.profileId().equals(profileId)).findFirst().orElseThrow().score();
    }
}
