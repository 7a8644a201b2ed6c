package io.innoleap.matcher.service;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.Organisation;
import io.innoleap.contracts.events.OrganisationType;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Three problem statements and six solution profiles with clear right answers: each problem has
 * one profile written for it on its theme, a weaker neighbour on the same theme, and a generic
 * data platform that shares every theme. Themes carry a prefix so data sets of different tests
 * (which share the topics) never become candidates of each other.
 */
final class Dataset {

    final String prefix;
    final ProblemStatementSnapshot busBunching;
    final ProblemStatementSnapshot emergencyWaits;
    final ProblemStatementSnapshot illegalDumping;
    final SolutionProfileSnapshot fleetSense;
    final SolutionProfileSnapshot junctionEye;
    final SolutionProfileSnapshot triageCast;
    final SolutionProfileSnapshot shiftWell;
    final SolutionProfileSnapshot reserveWatch;
    final SolutionProfileSnapshot openLake;

    Dataset(String prefix) {
        this.prefix = prefix;
        busBunching = problem("Predicting bus bunching on trunk routes",
                "Buses on our busiest trunk routes arrive in bunches at peak hour: two or three buses together, "
                        + "then a long gap. Commuters wait longer and buses run crowded. We want to predict bunching "
                        + "before it happens from vehicle locations and hold or speed up buses to keep even headways.",
                Horizon.IMMEDIATE_OPERATIONAL, theme("transport"), theme("data"));
        emergencyWaits = problem("Shorter waits in hospital emergency departments",
                "Patients wait many hours in our emergency departments because arrivals surge unpredictably and "
                        + "triage nurses are overloaded. We need to forecast patient arrivals by hour and support "
                        + "triage so that doctors and beds are ready before the surge.",
                Horizon.LONG_TERM, theme("healthcare"));
        illegalDumping = problem("Detecting illegal dumping in nature reserves",
                "Construction waste and household rubbish are dumped illegally along forest edges and nature "
                        + "reserves at night. Rangers cannot patrol everywhere. We need to spot new dumping sites "
                        + "quickly, ideally from camera or drone imagery, and alert enforcement officers.",
                Horizon.IMMEDIATE_OPERATIONAL, theme("environment"));
        fleetSense = profile("FleetSense", "Real-time headway control for bus fleets. FleetSense predicts bus "
                        + "bunching from live GPS positions and tells drivers when to hold at a stop so buses stay "
                        + "evenly spaced along the route.", List.of("headway", "bus", "bunching"), 7,
                theme("transport"));
        junctionEye = profile("JunctionEye", "Computer vision counts cars, cyclists and pedestrians at road "
                        + "junctions to retime traffic lights and report congestion hot spots to traffic engineers.",
                List.of("traffic signals", "computer vision"), 6, theme("transport"), theme("data"));
        triageCast = profile("TriageCast", "Forecasts emergency department arrivals hour by hour and suggests "
                        + "triage staffing, so hospitals have nurses, doctors and beds ready before patient surges.",
                List.of("emergency department", "forecasting", "triage"), 8, theme("healthcare"));
        shiftWell = profile("ShiftWell", "Rostering software for nursing homes that balances staff preferences, "
                        + "leave and skills when planning weekly shifts.", List.of("rostering", "scheduling"), 5,
                theme("healthcare"));
        reserveWatch = profile("ReserveWatch", "Drone and camera-trap imagery analysed by machine learning to "
                        + "detect newly dumped waste and litter in forests and parks, with alerts sent to "
                        + "enforcement teams.", List.of("illegal dumping", "drones", "image recognition"), 7,
                theme("environment"));
        openLake = profile("OpenLake", "A general-purpose cloud data platform: ingest any data, build dashboards "
                        + "and share datasets across your organisation.", List.of("data platform", "dashboards"), 9,
                theme("data"), theme("transport"), theme("environment"), theme("healthcare"));
    }

    List<ProblemStatementSnapshot> problems() {
        return List.of(busBunching, emergencyWaits, illegalDumping);
    }

    List<SolutionProfileSnapshot> profiles() {
        return List.of(fleetSense, junctionEye, triageCast, shiftWell, reserveWatch, openLake);
    }

    String theme(String name) {
        return prefix + "-" + name;
    }

    static ProblemStatementSnapshot problem(String title, String description, Horizon horizon, String... themes) {
        Instant now = Instant.now();
        return new ProblemStatementSnapshot(UUID.randomUUID(), new Agency("LTA", "Land Transport Authority", "transport"),
                title, description, List.of(themes), horizon, new Contact("Tan Wei Ling", "tan@lta.example"),
                ProblemStatementStatus.OPEN, 0, now, now);
    }

    static SolutionProfileSnapshot profile(String name, String summary, List<String> keywords, Integer trl,
                                           String... themes) {
        Instant now = Instant.now();
        return new SolutionProfileSnapshot(UUID.randomUUID(),
                new Organisation("Aurora " + name + " Pte Ltd", OrganisationType.COMMERCIAL, null), name, summary,
                List.of(themes), keywords, trl, new Contact("Priya Nair", "priya@aurora.example"),
                SolutionProfileStatus.ACTIVE, 0, now, now);
    }

    static ProblemStatementSnapshot withStatus(ProblemStatementSnapshot s, ProblemStatementStatus status) {
        return new ProblemStatementSnapshot(s.id(), s.agency(), s.title(), s.description(), s.themes(), s.horizon(),
                s.contact(), status, s.version() + 1, s.createdAt(), Instant.now());
    }

    static SolutionProfileSnapshot withStatus(SolutionProfileSnapshot s, SolutionProfileStatus status) {
        return new SolutionProfileSnapshot(s.id(), s.organisation(), s.solutionName(), s.summary(), s.themes(),
                s.keywords(), s.readinessLevel(), s.contact(), status, s.version() + 1, s.createdAt(), Instant.now());
    }

    static SolutionProfileSnapshot rewritten(SolutionProfileSnapshot s, String name, String summary,
                                             List<String> keywords) {
        return new SolutionProfileSnapshot(s.id(), s.organisation(), name, summary, s.themes(), keywords,
                s.readinessLevel(), s.contact(), s.status(), s.version() + 1, s.createdAt(), Instant.now());
    }

    static ProblemStatementSnapshot rewritten(ProblemStatementSnapshot s, String title, String description) {
        return new ProblemStatementSnapshot(s.id(), s.agency(), title, description, s.themes(), s.horizon(),
                s.contact(), s.status(), s.version() + 1, s.createdAt(), Instant.now());
    }

    /** The profile as registered by the provider with this UEN. */
    static SolutionProfileSnapshot ownedBy(SolutionProfileSnapshot s, String uen) {
        return new SolutionProfileSnapshot(s.id(), new Organisation(s.organisation().name(), s.organisation().type(), uen),
                s.solutionName(), s.summary(), s.themes(), s.keywords(), s.readinessLevel(), s.contact(), s.status(),
                s.version(), s.createdAt(), s.updatedAt());
    }
}
