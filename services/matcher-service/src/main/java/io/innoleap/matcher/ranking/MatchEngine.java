package io.innoleap.matcher.ranking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Ranks active solution profiles for open problem statements, incrementally.
 *
 * <p>A pair is a candidate only when the problem is open, the profile active and they share a
 * theme. Its score in [0,1] is, with the weights of {@link MatchConfig} (see {@link PairScorer}):
 * <pre>
 *   semantic  = (cos(problem, profile) - h * hub) / (1 - h)               local CSLS-style hubness
 *   text      = (1 - l) * (1 + semantic) / 2 + l * bm25 / bm25max         lexical evidence
 *   score     = clamp((1 - t) * text + t * themeShare - readinessPenalty)   penalty only for
 *                                                                           IMMEDIATE_OPERATIONAL
 * </pre>
 * where {@code hub} is the profile's best cosine to the problem or one of its {@code k} nearest open
 * problems that the profile shares a theme with. Every term is absolute (no normalisation over a
 * problem's candidate list), so a pair's score can be computed alone: that is what lets the service
 * score one changed profile against all problems without re-ranking them. A profile's change moves
 * only its own pairs; a problem's change moves its own list and those of the problems whose
 * neighbourhood it enters or leaves.
 *
 * <p>The parts, each in its own class: {@link ProfileSlots} (per-profile data in flat arrays),
 * {@link ThemeBlocks} (int8 vectors packed per theme, the candidate scan), {@link Neighbourhoods}
 * (each open problem's nearest open problems, the hubness reference), {@link PairScorer} (the formula) and {@link LexicalIndex} (BM25
 * and explanations). This class holds the problems, the lock and the embedding cache.
 *
 * <p>Thread safety: one writer and any number of concurrent readers. Embedding (the slow part)
 * runs outside the lock; state changes take the write lock briefly.
 */
public final class MatchEngine {

    private final MatchConfig config;
    private final TextEmbedder embedder;
    private final EmbeddingCache cache;
    private final TextAnalysis analysis = new TextAnalysis();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final ProfileSlots slots = new ProfileSlots();
    private final ThemeBlocks blocks = new ThemeBlocks();
    private final Neighbourhoods neighbourhoods;
    private final LexicalIndex lexical = new LexicalIndex();
    private int dim = -1;

    private final Map<UUID, ProblemEntry> problems = new HashMap<>();
    /** Agencies' verdicts the ranking learns from ({@link FeedbackPrior}), by (problem, profile). */
    private final Map<List<UUID>, FeedbackPrior.Lesson> lessons = new LinkedHashMap<>();
    private FeedbackPrior prior = FeedbackPrior.defaults();
    /** Pairs kept off a problem's list whatever they score (its agency said NOT_RELEVANT): problem -> profiles. */
    private final Map<UUID, Set<UUID>> excluded = new HashMap<>();
    private final IntStack freeProblemOrdinals = new IntStack();
    private int problemOrdinals;

    public MatchEngine(MatchConfig config, TextEmbedder embedder, EmbeddingCache cache) {
        this.config = Objects.requireNonNull(config, "config");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.neighbourhoods = new Neighbourhoods(config.hubNeighbours());
        slots.onGrow(blocks);
    }

    public MatchConfig config() {
        return config;
    }

    /**
     * Whether the int8 dot product runs on the Vector API (JVM started with
     * {@code --add-modules jdk.incubator.vector}): about 4x faster ranking at 100k profiles. Worth
     * logging at start-up.
     */
    public static boolean vectorApiEnabled() {
        return Int8Vectors.simd();
    }

    // ---------------------------------------------------------------- embeddings

    /** The cache key of a profile's embedding: model id + the exact text embedded. */
    public String embeddingKey(ProfileDoc profile) {
        return EmbeddingCache.keyOf(embedder.modelId(), profile.text());
    }

    public String embeddingKey(ProblemDoc problem) {
        return EmbeddingCache.keyOf(embedder.modelId(), problem.text());
    }

    /** The profile's unit-length embedding, from the cache or computed (and then cached). */
    public float[] embedding(ProfileDoc profile) {
        return embed(profile.text());
    }

    public float[] embedding(ProblemDoc problem) {
        return embed(problem.text());
    }

    /**
     * Embeddings of many texts at once, the way the service applies a batch of snapshots: one
     * cache lookup for all of them, then one {@link TextEmbedder#embedAll} call for the misses,
     * which are cached together.
     *
     * @return text -> unit vector, for every distinct text given
     */
    public Map<String, float[]> embeddings(Collection<String> texts) {
        Map<String, String> keyOf = new LinkedHashMap<>();
        for (String t : texts) {
            keyOf.put(t, EmbeddingCache.keyOf(embedder.modelId(), t));
        }
        Map<String, float[]> cached = cache.getAll(keyOf.values());
        Map<String, float[]> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : keyOf.entrySet()) {
            float[] v = cached.get(e.getValue());
            if (v != null) {
                out.put(e.getKey(), v);
            } else {
                missing.add(e.getKey());
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> computed = embedder.embedAll(missing);
            Map<String, float[]> fresh = new LinkedHashMap<>();
            for (int i = 0; i < missing.size(); i++) {
                float[] v = Vectors.normalize(computed.get(i));
                out.put(missing.get(i), v);
                fresh.put(keyOf.get(missing.get(i)), v);
            }
            cache.putAll(fresh);
        }
        return out;
    }

    private float[] embed(String text) {
        String key = EmbeddingCache.keyOf(embedder.modelId(), text);
        Optional<float[]> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        float[] v = Vectors.normalize(embedder.embed(text));
        cache.put(key, v);
        return v;
    }

    // ---------------------------------------------------------------- profiles

    /** Adds or replaces a profile; an inactive one is removed. Embeds unless cached. */
    public void upsertProfile(ProfileDoc profile) {
        if (!profile.active()) {
            removeProfile(profile.id());
            return;
        }
        upsertProfile(profile, embedding(profile));
    }

    /** Adds or replaces a profile with a precomputed embedding (e.g. read back from a database). */
    public void upsertProfile(ProfileDoc profile, float[] embedding) {
        if (!profile.active()) {
            removeProfile(profile.id());
            return;
        }
        float[] unit = Vectors.normalize(embedding);
        TextAnalysis.Terms terms = analysis.analyze(profile.text());
        lock.writeLock().lock();
        try {
            checkDimension(unit.length);
            int slot = slots.slotOf(profile.id());
            if (slot >= 0) {
                detach(slot); // an update keeps its slot
            } else {
                slot = slots.assign(profile.id());
            }
            byte[] quantized = new byte[dim];
            float scale = Int8Vectors.quantize(unit, quantized, 0);
            slots.fill(slot, scale, profile.themes(), profile.readinessLevel(), lexical.add(terms));
            blocks.add(slot, slots.themes[slot], quantized);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void removeProfile(UUID profileId) {
        lock.writeLock().lock();
        try {
            int slot = slots.slotOf(profileId);
            if (slot >= 0) {
                detach(slot);
                slots.release(profileId);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void detach(int slot) {
        blocks.remove(slot, slots.themes[slot], slots.themes);
        lexical.remove(slots.terms[slot]);
        slots.clear(slot);
    }

    // ---------------------------------------------------------------- problems

    /**
     * Adds or replaces a problem statement. A problem that is not open is kept (so it is known)
     * but takes part in nothing.
     *
     * @return ids of the other problems whose lists this changed: those whose hubness reference
     *     (nearest open problems) the problem entered or left; their lists need re-ranking
     */
    public Set<UUID> upsertProblem(ProblemDoc problem) {
        return upsertProblem(problem, embedding(problem));
    }

    public Set<UUID> upsertProblem(ProblemDoc problem, float[] embedding) {
        float[] unit = Vectors.normalize(embedding);
        TextAnalysis.Terms terms = analysis.analyze(problem.text());
        lock.writeLock().lock();
        try {
            checkDimension(unit.length);
            Set<UUID> changed = new HashSet<>();
            ProblemEntry old = problems.remove(problem.id());
            int ordinal;
            if (old != null) {
                ordinal = old.ordinal();
                neighbourhoods.gone(old, problems.values(), changed);
            } else {
                ordinal = freeProblemOrdinals.isEmpty() ? problemOrdinals++ : freeProblemOrdinals.pop();
            }
            byte[] q = new byte[dim];
            float scale = Int8Vectors.quantize(unit, q, 0);
            ProblemEntry entry = new ProblemEntry(ordinal, problem, q, scale, terms);
            problems.put(problem.id(), entry);
            if (problem.open()) {
                neighbourhoods.opened(entry, problems.values(), changed);
            }
            changed.remove(problem.id());
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return ids of the other problems whose lists this changed, as for {@link #upsertProblem(ProblemDoc)} */
    public Set<UUID> removeProblem(UUID problemId) {
        lock.writeLock().lock();
        try {
            ProblemEntry old = problems.remove(problemId);
            if (old == null) {
                return Set.of();
            }
            Set<UUID> changed = new HashSet<>();
            neighbourhoods.gone(old, problems.values(), changed);
            freeProblemOrdinals.push(old.ordinal());
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------- queries

    /** The best {@code k} candidates of an open problem scoring at least minScore, best first. */
    public List<Match> rank(UUID problemId, int k) {
        lock.readLock().lock();
        try {
            ProblemEntry p = problems.get(problemId);
            if (p == null || !p.open() || k <= 0) {
                return List.of();
            }
            LexicalIndex.Query query = lexical.query(p.terms());
            boolean needLexical = config.lexicalWeight() > 0;
            // Min-heap of the best k so far: the weakest (lowest score, then largest id) on top.
            Comparator<double[]> weakestFirst = Comparator.<double[]>comparingDouble(a -> a[0])
                    .thenComparing((a, b) -> slots.ids[(int) b[1]].compareTo(slots.ids[(int) a[1]]));
            PriorityQueue<double[]> top = new PriorityQueue<>(k + 1, weakestFirst);
            PairScorer scorer = scorer(p);
            double minScore = config.minScore();
            Set<UUID> off = excluded.getOrDefault(problemId, Set.of());
            blocks.scan(p.doc().themes(), p.vector(), slots.highWater(), (s, dot, vectors, offset) -> {
                if (!off.isEmpty() && off.contains(slots.ids[s])) {
                    return;
                }
                double lex = needLexical ? query.normalisedScore(slots.terms[s]) : 0;
                float cos = scorer.cosine(s, dot);
                double learned = scorer.learned(s, vectors, offset);
                double bound = scorer.score(s, cos, cos, lex, learned);
                if (bound < minScore || (top.size() == k && bound < top.peek()[0])) {
                    return; // cheap rejection before the hub's dot products: most candidates end here
                }
                double score = scorer.score(s, cos, scorer.hub(s, cos, vectors, offset), lex, learned);
                if (score < minScore || (top.size() == k && score < top.peek()[0])) {
                    return;
                }
                double[] cand = {score, s};
                if (top.size() < k) {
                    top.add(cand);
                } else if (weakestFirst.compare(cand, top.peek()) > 0) {
                    top.poll();
                    top.add(cand);
                }
            });
            List<double[]> best = new ArrayList<>(top);
            best.sort(weakestFirst.reversed());
            List<Match> out = new ArrayList<>(best.size());
            for (double[] b : best) {
                out.add(match(p, (int) b[1], b[0], query));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<Match> rank(UUID problemId) {
        return rank(problemId, config.topK());
    }

    /**
     * Scores one active profile against every open problem it shares a theme with (score at
     * least minScore), best first. The service compares these with the stored top-K lists to
     * find which lists the profile enters or leaves.
     */
    public List<Match> scoreAgainstProblems(UUID profileId) {
        lock.readLock().lock();
        try {
            int slot = slots.slotOf(profileId);
            if (slot < 0) {
                return List.of();
            }
            boolean needLexical = config.lexicalWeight() > 0;
            List<Match> out = new ArrayList<>();
            for (ProblemEntry p : problems.values()) {
                if (!p.open() || !slots.sharesTheme(slot, p.doc().themes()) || isExcludedLocked(p.doc().id(), profileId)) {
                    continue;
                }
                // Without lexical weight the BM25 query only explains, so build it for kept pairs only.
                LexicalIndex.Query query = needLexical ? lexical.query(p.terms()) : null;
                double score = score(p, slot, needLexical ? query.normalisedScore(slots.terms[slot]) : 0);
                if (score >= config.minScore()) {
                    out.add(match(p, slot, score, query != null ? query : lexical.query(p.terms())));
                }
            }
            out.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(Match::problemId));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The profile's score against every open problem it shares a theme with, where it reaches
     * minScore: what {@link #scoreAgainstProblems(UUID)} gives, without building explanations.
     * The service uses it to find lists a profile may enter.
     */
    public Map<UUID, Double> scoresFor(UUID profileId) {
        lock.readLock().lock();
        try {
            int slot = slots.slotOf(profileId);
            if (slot < 0) {
                return Map.of();
            }
            boolean needLexical = config.lexicalWeight() > 0;
            Map<UUID, Double> out = new HashMap<>();
            for (ProblemEntry p : problems.values()) {
                if (!p.open() || !slots.sharesTheme(slot, p.doc().themes()) || isExcludedLocked(p.doc().id(), profileId)) {
                    continue;
                }
                double score = score(p, slot,
                        needLexical ? lexical.query(p.terms()).normalisedScore(slots.terms[slot]) : 0);
                if (score >= config.minScore()) {
                    out.put(p.doc().id(), score);
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- learning from verdicts

    public FeedbackPrior feedbackPrior() {
        lock.readLock().lock();
        try {
            return prior;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How much verdicts move the ranking (off: not at all); the lessons are kept either way. */
    public void feedbackPrior(FeedbackPrior p) {
        lock.writeLock().lock();
        try {
            prior = Objects.requireNonNull(p);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A verdict to learn from: the vectors are those of the texts it was given on. */
    public FeedbackPrior.Lesson lesson(UUID problemId, UUID profileId, boolean relevant, Set<String> problemThemes,
                                       float[] problemVector, float[] profileVector) {
        float[] p = Vectors.normalize(problemVector);
        float[] s = Vectors.normalize(profileVector);
        byte[] pq = new byte[p.length];
        byte[] sq = new byte[s.length];
        float ps = Int8Vectors.quantize(p, pq, 0);
        float ss = Int8Vectors.quantize(s, sq, 0);
        return new FeedbackPrior.Lesson(problemId, profileId, relevant ? 1 : -1, Set.copyOf(problemThemes), pq, ps,
                sq, ss);
    }

    /**
     * Learns from an agency's verdict, replacing an earlier one on the same pair.
     *
     * @return the open problems whose lists it can move (never the verdict's own problem)
     */
    public Set<UUID> learn(FeedbackPrior.Lesson lesson) {
        lock.writeLock().lock();
        try {
            FeedbackPrior.Lesson old = lessons.put(List.of(lesson.problemId(), lesson.profileId()), lesson);
            return bearingOn(lesson, old);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets the verdict on a pair; the open problems whose lists that can move. */
    public Set<UUID> forget(UUID problemId, UUID profileId) {
        lock.writeLock().lock();
        try {
            return bearingOn(null, lessons.remove(List.of(problemId, profileId)));
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<FeedbackPrior.Lesson> lessonOn(UUID problemId, UUID profileId) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(lessons.get(List.of(problemId, profileId)));
        } finally {
            lock.readLock().unlock();
        }
    }

    private Set<UUID> bearingOn(FeedbackPrior.Lesson a, FeedbackPrior.Lesson b) {
        Set<UUID> out = new HashSet<>();
        for (ProblemEntry p : problems.values()) {
            if (p.open() && ((a != null && prior.bearsOn(a, p)) || (b != null && prior.bearsOn(b, p)))) {
                out.add(p.doc().id());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- exclusions

    /** Keeps the profile off the problem's list; true if it was not excluded before. */
    public boolean exclude(UUID problemId, UUID profileId) {
        lock.writeLock().lock();
        try {
            return excluded.computeIfAbsent(problemId, k -> new HashSet<>()).add(profileId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Lets the profile back on the problem's list; true if it was excluded. */
    public boolean include(UUID problemId, UUID profileId) {
        lock.writeLock().lock();
        try {
            Set<UUID> off = excluded.get(problemId);
            boolean removed = off != null && off.remove(profileId);
            if (off != null && off.isEmpty()) {
                excluded.remove(problemId);
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean isExcluded(UUID problemId, UUID profileId) {
        lock.readLock().lock();
        try {
            return isExcludedLocked(problemId, profileId);
        } finally {
            lock.readLock().unlock();
        }
    }

    private boolean isExcludedLocked(UUID problemId, UUID profileId) {
        Set<UUID> off = excluded.get(problemId);
        return off != null && off.contains(profileId);
    }

    /**
     * Lifts every exclusion that involves this problem or profile (its text changed).
     *
     * @return the lifted pairs, problem -> profiles
     */
    public Map<UUID, Set<UUID>> liftExclusions(UUID problemOrProfileId) {
        lock.writeLock().lock();
        try {
            Map<UUID, Set<UUID>> lifted = new HashMap<>();
            Set<UUID> own = excluded.remove(problemOrProfileId);
            if (own != null) {
                lifted.put(problemOrProfileId, own);
            }
            excluded.entrySet().removeIf(e -> {
                if (e.getValue().remove(problemOrProfileId)) {
                    lifted.put(e.getKey(), Set.of(problemOrProfileId));
                }
                return e.getValue().isEmpty();
            });
            return lifted;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether any exclusion involves this problem or profile. */
    public boolean hasExclusions(UUID problemOrProfileId) {
        lock.readLock().lock();
        try {
            if (excluded.containsKey(problemOrProfileId)) {
                return true;
            }
            for (Set<UUID> off : excluded.values()) {
                if (off.contains(problemOrProfileId)) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean hasProfile(UUID profileId) {
        lock.readLock().lock();
        try {
            return slots.contains(profileId);
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean hasProblem(UUID problemId) {
        lock.readLock().lock();
        try {
            return problems.containsKey(problemId);
        } finally {
            lock.readLock().unlock();
        }
    }

    public int profileCount() {
        lock.readLock().lock();
        try {
            return slots.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- scoring

    private PairScorer scorer(ProblemEntry p) {
        return new PairScorer(config, p, neighbourhoods.references(p), slots, blocks, prior,
                prior.applicable(p, lessons.values()));
    }

    private double score(ProblemEntry p, int slot, double lexical) {
        PairScorer scorer = scorer(p);
        return scorer.score(slot, scorer.cosine(slot, blocks.dot(p.vector(), slot, slots.themes[slot][0])), lexical);
    }

    private Match match(ProblemEntry p, int slot, double score, LexicalIndex.Query query) {
        List<String> shared = new ArrayList<>();
        for (String t : slots.themes[slot]) {
            if (p.doc().themes().contains(t)) {
                shared.add(t);
            }
        }
        return new Match(p.doc().id(), slots.ids[slot], score, shared,
                query.matchedTerms(slots.terms[slot], config.matchedTermsLimit()));
    }

    private void checkDimension(int length) {
        if (dim < 0) {
            dim = length;
            blocks.dimension(length);
        } else if (length != dim) {
            throw new IllegalArgumentException("embedding has " + length + " dimensions, engine holds " + dim);
        }
    }
}
