package io.innoleap.contracts.topics;

import io.innoleap.contracts.events.BookingSnapshot;
import io.innoleap.contracts.events.MatchFeedbackSnapshot;
import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.SolutionProfileSnapshot;

import java.util.List;
import java.util.Optional;

/** The programme's topics, each defined once (API.md "Events"); one writer per topic. */
public final class Topics {

    public static final String PROBLEM_STATEMENTS_NAME = "innoleap.problem-statements";
    public static final String SOLUTION_PROFILES_NAME = "innoleap.solution-profiles";
    public static final String MATCHES_NAME = "innoleap.matches";
    public static final String BOOKINGS_NAME = "innoleap.bookings";
    public static final String MATCH_FEEDBACK_NAME = "innoleap.match-feedback";

    public static final TopicDefinition PROBLEM_STATEMENTS = new TopicDefinition(
            PROBLEM_STATEMENTS_NAME, "problem statement id", ProblemStatementSnapshot.class,
            List.of(ProblemStatementSnapshot.PUBLISHED, ProblemStatementSnapshot.UPDATED, ProblemStatementSnapshot.CLOSED),
            true, "problem-service");

    public static final TopicDefinition SOLUTION_PROFILES = new TopicDefinition(
            SOLUTION_PROFILES_NAME, "solution profile id", SolutionProfileSnapshot.class,
            List.of(SolutionProfileSnapshot.REGISTERED, SolutionProfileSnapshot.UPDATED, SolutionProfileSnapshot.WITHDRAWN),
            true, "solution-service");

    public static final TopicDefinition MATCHES = new TopicDefinition(
            MATCHES_NAME, "{problemId}:{profileId}", MatchSnapshot.class,
            List.of(MatchSnapshot.PROPOSED, MatchSnapshot.UPDATED, MatchSnapshot.RETRACTED),
            true, "matcher-service");

    public static final TopicDefinition BOOKINGS = new TopicDefinition(
            BOOKINGS_NAME, "booking id", BookingSnapshot.class,
            List.of(BookingSnapshot.WORKSHOP_PLANNED, BookingSnapshot.SHARING_DAY_SCHEDULED,
                    BookingSnapshot.CLINIC_REQUESTED, BookingSnapshot.CLINIC_CONFIRMED,
                    BookingSnapshot.CLINIC_DECLINED, BookingSnapshot.CLINIC_EXPIRED,
                    BookingSnapshot.WORKSHOP_RESCHEDULED, BookingSnapshot.WORKSHOP_CANCELLED,
                    BookingSnapshot.SHARING_DAY_RESCHEDULED, BookingSnapshot.SHARING_DAY_CANCELLED,
                    BookingSnapshot.CLINIC_CANCELLED),
            false, "scheduler-service");

    /** Verdicts on matches (v1.1); not compacted: one key carries both sides' verdicts, and each one counts. */
    public static final TopicDefinition MATCH_FEEDBACK = new TopicDefinition(
            MATCH_FEEDBACK_NAME, "{problemId}:{profileId}", MatchFeedbackSnapshot.class,
            List.of(MatchFeedbackSnapshot.GIVEN), false, "matcher-service");

    private static final List<TopicDefinition> ALL = List.of(PROBLEM_STATEMENTS, SOLUTION_PROFILES, MATCHES, BOOKINGS,
            MATCH_FEEDBACK);

    private Topics() {
    }

    public static List<TopicDefinition> all() {
        return ALL;
    }

    public static Optional<TopicDefinition> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The topic a service writes (one writer per topic). */
    public static List<TopicDefinition> producedBy(String service) {
        return ALL.stream().filter(t -> t.producer().equals(service)).toList();
    }
}
