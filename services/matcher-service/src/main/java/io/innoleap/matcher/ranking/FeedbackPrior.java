package io.innoleap.matcher.ranking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the ranking learns from agencies' verdicts on matches: a profile that looks like one an
 * agency marked RELEVANT on a similar problem moves up, one that looks like a NOT_RELEVANT one
 * moves down, on the other problems that share a theme with it. For a problem P and a candidate
 * profile S:
 * <pre>
 *   near(a, b)  = max(0, cos(a, b) - threshold) / (1 - threshold)
 *   adjustment  = clamp(weight * sum over verdicts (P', S', v), P' != P, P' shares a theme with P:
 *                           sign(v) * near(P, P') * near(S, S'),  -bound, +bound)
 * </pre>
 * It is added to the score, so it is bounded and absolute like every other term: a pair can still
 * be scored alone, and with no verdicts (or weight 0) the ranking is exactly what it was. A verdict
 * never moves its own problem's list (the agency's NOT_RELEVANT removes the pair there instead).
 * Vectors are those of the texts the verdict was given on.
 *
 * @param weight    scale of the summed evidence; 0 turns learning off
 * @param bound     largest move either way (a readiness step is 0.05)
 * @param threshold cosine below which two problems, or two profiles, are not alike at all
 */
public record FeedbackPrior(double weight, double bound, double threshold) {

    public FeedbackPrior {
        if (weight < 0 || bound < 0 || threshold < 0 || threshold >= 1) {
            throw new IllegalArgumentException("weight and bound must be >= 0, threshold in [0,1)");
        }
    }

    /** The setting measured in the README (FeedbackExperiment). */
    public static FeedbackPrior defaults() {
        return new FeedbackPrior(0.2, 0.05, 0.5);
    }

    public static FeedbackPrior off() {
        return new FeedbackPrior(0, 0, 0.3);
    }

    public boolean enabled() {
        return weight > 0 && bound > 0;
    }

    /** One verdict as the ranking keeps it ({@code sign} +1 RELEVANT, -1 NOT_RELEVANT): int8 vectors of both texts, the problem's themes. */
    public record Lesson(UUID problemId, UUID profileId, int sign, Set<String> problemThemes, byte[] problemVector,
                  float problemScale, byte[] profileVector, float profileScale) {
    }

    /** The verdicts that bear on this problem, with their weight sign * near(P, P'); empty arrays if none. */
    Applicable applicable(ProblemEntry problem, Collection<Lesson> lessons) {
        if (!enabled() || lessons.isEmpty()) {
            return Applicable.NONE;
        }
        List<Lesson> out = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Lesson l : lessons) {
            if (l.problemId().equals(problem.doc().id()) || !sharesTheme(problem.doc().themes(), l.problemThemes())) {
                continue;
            }
            double near = near(Int8Vectors.dot(problem.vector(), 0, l.problemVector(), 0, l.problemVector().length)
                    * problem.scale() * l.problemScale());
            if (near > 0) {
                out.add(l);
                weights.add(l.sign() * near);
            }
        }
        return out.isEmpty() ? Applicable.NONE : new Applicable(out.toArray(Lesson[]::new),
                weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Whether a verdict on this problem can move the list of that one (for the rechecks). */
    boolean bearsOn(Lesson lesson, ProblemEntry other) {
        return enabled() && !lesson.problemId().equals(other.doc().id())
                && sharesTheme(other.doc().themes(), lesson.problemThemes())
                && near(Int8Vectors.dot(other.vector(), 0, lesson.problemVector(), 0, lesson.problemVector().length)
                * other.scale() * lesson.problemScale()) > 0;
    }

    double near(double cos) {
        return Math.max(0, cos - threshold) / (1 - threshold);
    }

    private static boolean sharesTheme(Set<String> a, Set<String> b) {
        for (String t : b) {
            if (a.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** The verdicts bearing on one problem, and their weights. */
    record Applicable(Lesson[] lessons, double[] weights) {
        static final Applicable NONE = new Applicable(new Lesson[0], new double[0]);
    }
}
