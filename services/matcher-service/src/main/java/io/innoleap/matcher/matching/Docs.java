package io.innoleap.matcher.matching;

import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;
import io.innoleap.matcher.ranking.Horizon;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.servicekit.kafka.InboundEvents.PoisonRecordException;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Contract snapshots to the engine's documents, and the checks that make a snapshot usable. A
 * snapshot that fails them can never be processed: it is a poison record (dead-lettered).
 */
public final class Docs {

    private Docs() {
    }

    public static ProblemDoc problem(ProblemStatementSnapshot s) {
        check(s);
        Horizon horizon = s.horizon() == null ? null : Horizon.valueOf(s.horizon().name());
        return new ProblemDoc(s.id(), s.title(), s.description(), new HashSet<>(s.themes()), horizon,
                s.status() == ProblemStatementStatus.OPEN);
    }

    public static ProfileDoc profile(SolutionProfileSnapshot s) {
        check(s);
        return new ProfileDoc(s.id(), s.solutionName(), s.summary(), s.keywords(), new HashSet<>(s.themes()),
                s.readinessLevel(), s.status() == SolutionProfileStatus.ACTIVE);
    }

    public static void check(ProblemStatementSnapshot s) {
        require(s.id() != null, "problem statement snapshot has no id");
        require(s.status() != null, "problem statement " + s.id() + " has no status");
        require(s.version() >= 0, "problem statement " + s.id() + " has a negative version");
        require(s.themes() != null && !s.themes().isEmpty() && s.themes().stream().allMatch(Objects::nonNull),
                "problem statement " + s.id() + " has no themes");
        if (s.status() == ProblemStatementStatus.OPEN) {
            require(s.title() != null && s.description() != null,
                    "open problem statement " + s.id() + " lacks title or description");
        }
    }

    public static void check(SolutionProfileSnapshot s) {
        require(s.id() != null, "solution profile snapshot has no id");
        require(s.status() != null, "solution profile " + s.id() + " has no status");
        require(s.version() >= 0, "solution profile " + s.id() + " has a negative version");
        require(s.themes() != null && !s.themes().isEmpty() && s.themes().stream().allMatch(Objects::nonNull),
                "solution profile " + s.id() + " has no themes");
        List<String> keywords = s.keywords();
        require(keywords == null || keywords.stream().allMatch(Objects::nonNull),
                "solution profile " + s.id() + " has a null keyword");
        if (s.status() == SolutionProfileStatus.ACTIVE) {
            require(s.solutionName() != null && s.summary() != null,
                    "active solution profile " + s.id() + " lacks solutionName or summary");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new PoisonRecordException(message);
        }
    }
}
