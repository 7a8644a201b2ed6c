package io.innoleap.matcher.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Ranks active solution profiles for open problem statements, incrementally.
 *
 * <p>A pair is a candidate only when the problem is open, the profile active and they share a
 * theme. Its score in [0,1] is, with the weights of {@link MatchConfig}:
 * <pre>
 *   semantic  = (cos(problem, profile) - h * hub(profile)) / (1 - h)      CSLS-style hubness
 *   text      = (1 - l) * (1 + semantic) / 2 + l * bm25 / bm25max         lexical evidence
 *   score     = clamp((1 - t) * text + t * themeShare - readinessPenalty)   penalty only for
 *                                                                           IMMEDIATE_OPERATIONAL
 * </pre>
 * where {@code hub(profile)} is the profile's best cosine to any open problem it shares a theme
 * with. Every term is absolute (no normalisation over a problem's candidate list), so a pair's
 * score can be computed alone: that is what lets the service score one changed profile against
 * all problems without re-ranking them.
 *
 * <p>Thread safety: one writer and any number of concurrent readers. Embedding (the slow part)
 * runs outside the lock; state changes take the write lock briefly.
 */
public final class MatchEngine {

    private static final int INITIAL_SLOTS = 1024;

    private final MatchConfig config;
    private final TextEmbedder embedder;
    private final EmbeddingCache cache;
    private final TextAnalysis analysis = new TextAnalysis();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // Profiles live in slots (dense ints) so per-profile data sits in flat arrays.
    private final Map<UUID, Integer> slotOf = new HashMap<>();
    private final IntStack freeSlots = new IntStack();
    private int slotCount;
    private int dim = -1;
    private UUID[] slotIds = new UUID[INITIAL_SLOTS];
    private float[] scales = new float[INITIAL_SLOTS];
    private float[] hub = new float[INITIAL_SLOTS];
    private int[] hubProblem = new int[INITIAL_SLOTS];
    private String[][] profileThemes = new String[INITIAL_SLOTS][];
    private byte[] readiness = new byte[INITIAL_SLOTS];
    private LexicalIndex.DocTerms[] docTerms = new LexicalIndex.DocTerms[INITIAL_SLOTS];
    // Each profile's int8 vector is stored once per theme, in that theme's block, so a problem's
    // candidates are scanned contiguously (3x faster than hopping through one big array: memory
    // latency, not arithmetic, bounds the scan). blockPos[slot][i] = position in the block of
    // profileThemes[slot][i].
    private final Map<String, ThemeBlock> blocks = new HashMap<>();
    private int[][] blockPos = new int[INITIAL_SLOTS][];
    private final LexicalIndex lexical = new LexicalIndex();

    private final Map<UUID, ProblemEntry> problems = new HashMap<>();
    private final IntStack freeProblemOrdinals = new IntStack();
    private int problemOrdinals;

    private record ProblemEntry(int ordinal, ProblemDoc doc, byte[] vector, float scale,
                                TextAnalysis.Terms terms) {
    }

    public MatchEngine(MatchConfig config, TextEmbedder embedder, EmbeddingCache cache) {
        this.config = Objects.requireNonNull(config, "config");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.cache = Objects.requireNonNull(cache, "cache");
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
            Integer existing = slotOf.get(profile.id());
            int slot;
            if (existing != null) {
                detachProfile(existing);
                slot = existing; // an update keeps its slot
            } else {
                slot = freeSlots.isEmpty() ? slotCount++ : freeSlots.pop();
            }
            ensureSlotCapacity(slot + 1);
            slotOf.put(profile.id(), slot);
            slotIds[slot] = profile.id();
            byte[] quantized = new byte[dim];
            scales[slot] = Int8Vectors.quantize(unit, quantized, 0);
            profileThemes[slot] = new TreeSet<>(profile.themes()).toArray(String[]::new);
            Integer trl = profile.readinessLevel();
            readiness[slot] = trl == null ? 0 : (byte) (int) trl;
            docTerms[slot] = lexical.add(terms);
            blockPos[slot] = new int[profileThemes[slot].length];
            for (int i = 0; i < profileThemes[slot].length; i++) {
                blockPos[slot][i] = blocks.computeIfAbsent(profileThemes[slot][i], t -> new ThemeBlock(dim))
                        .add(slot, quantized);
            }
            recomputeHub(slot);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void removeProfile(UUID profileId) {
        lock.writeLock().lock();
        try {
            Integer slot = slotOf.remove(profileId);
            if (slot != null) {
                detachProfile(slot);
                freeSlots.push(slot);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void detachProfile(int slot) {
        for (int i = 0; i < profileThemes[slot].length; i++) {
            ThemeBlock block = blocks.get(profileThemes[slot][i]);
            int moved = block.remove(blockPos[slot][i]);
            if (moved >= 0) {
                // The block's last profile took the freed position.
                String theme = profileThemes[slot][i];
                String[] movedThemes = profileThemes[moved];
                for (int j = 0; j < movedThemes.length; j++) {
                    if (movedThemes[j].equals(theme)) {
                        blockPos[moved][j] = blockPos[slot][i];
                    }
                }
            }
        }
        blockPos[slot] = null;
        lexical.remove(docTerms[slot]);
        docTerms[slot] = null;
        profileThemes[slot] = null;
        slotIds[slot] = null;
    }

    // ---------------------------------------------------------------- problems

    /**
     * Adds or replaces a problem statement. A problem that is not open is kept (so it is known)
     * but takes part in nothing.
     *
     * @return ids of profiles whose hubness changed: their scores for other problems moved a
     *     little, so a service keeping stored top-K lists may re-score them
     *     ({@link #scoreAgainstProblems(UUID)})
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
                changed.addAll(recomputeHubsOf(ordinal));
            } else {
                ordinal = freeProblemOrdinals.isEmpty() ? problemOrdinals++ : freeProblemOrdinals.pop();
            }
            byte[] q = new byte[dim];
            float scale = Int8Vectors.quantize(unit, q, 0);
            ProblemEntry entry = new ProblemEntry(ordinal, problem, q, scale, terms);
            problems.put(problem.id(), entry);
            if (problem.open()) {
                BitSet seen = problem.themes().size() > 1 ? new BitSet(slotCount) : null;
                for (String theme : problem.themes()) {
                    ThemeBlock block = blocks.get(theme);
                    for (int i = 0; block != null && i < block.size; i++) {
                        int s = block.slots[i];
                        if (seen != null) {
                            if (seen.get(s)) {
                                continue; // already seen through another of the problem's themes
                            }
                            seen.set(s);
                        }
                        float cos = Int8Vectors.dot(q, 0, block.vectors, i * dim, dim) * scale * scales[s];
                        if (hubProblem[s] < 0 || cos > hub[s]) {
                            hub[s] = cos;
                            hubProblem[s] = ordinal;
                            changed.add(slotIds[s]);
                        }
                    }
                }
            }
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return ids of profiles whose hubness changed, as for {@link #upsertProblem(ProblemDoc)} */
    public Set<UUID> removeProblem(UUID problemId) {
        lock.writeLock().lock();
        try {
            ProblemEntry old = problems.remove(problemId);
            if (old == null) {
                return Set.of();
            }
            Set<UUID> changed = recomputeHubsOf(old.ordinal());
            freeProblemOrdinals.push(old.ordinal());
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Profiles whose best problem was this ordinal get their hubness recomputed from scratch. */
    private Set<UUID> recomputeHubsOf(int ordinal) {
        Set<UUID> changed = new HashSet<>();
        for (int s = 0; s < slotCount; s++) {
            if (slotIds[s] != null && hubProblem[s] == ordinal) {
                recomputeHub(s);
                changed.add(slotIds[s]);
            }
        }
        return changed;
    }

    private void recomputeHub(int slot) {
        float best = 0;
        int arg = -1;
        for (ProblemEntry p : problems.values()) {
            if (p.doc().open() && sharesTheme(p.doc().themes(), profileThemes[slot])) {
                float cos = cosine(p, slot);
                if (arg < 0 || cos > best) {
                    best = cos;
                    arg = p.ordinal();
                }
            }
        }
        hub[slot] = best;
        hubProblem[slot] = arg;
    }

    // ---------------------------------------------------------------- queries

    /** The best {@code k} candidates of an open problem scoring at least minScore, best first. */
    public List<Match> rank(UUID problemId, int k) {
        lock.readLock().lock();
        try {
            ProblemEntry p = problems.get(problemId);
            if (p == null || !p.doc().open() || k <= 0) {
                return List.of();
            }
            LexicalIndex.Query query = lexical.query(p.terms());
            boolean needLexical = config.lexicalWeight() > 0;
            // Min-heap of the best k so far: the weakest (lowest score, then largest id) on top.
            Comparator<double[]> weakestFirst = Comparator.<double[]>comparingDouble(a -> a[0])
                    .thenComparing((a, b) -> slotIds[(int) b[1]].compareTo(slotIds[(int) a[1]]));
            PriorityQueue<double[]> top = new PriorityQueue<>(k + 1, weakestFirst);
            PairScorer scorer = new PairScorer(p);
            BitSet seen = p.doc().themes().size() > 1 ? new BitSet(slotCount) : null;
            for (String theme : p.doc().themes()) {
                ThemeBlock block = blocks.get(theme);
                for (int i = 0; block != null && i < block.size; i++) {
                    int s = block.slots[i];
                    if (seen != null) {
                        if (seen.get(s)) {
                            continue; // already scored through another of the problem's themes
                        }
                        seen.set(s);
                    }
                    float cos = Int8Vectors.dot(p.vector(), 0, block.vectors, i * dim, dim) * p.scale() * scales[s];
                    double lex = needLexical ? query.normalisedScore(docTerms[s]) : 0;
                    double score = scorer.score(s, cos, lex);
                    if (score < config.minScore() || (top.size() == k && score < top.peek()[0])) {
                        continue; // cheap rejection before allocating: most candidates end here
                    }
                    double[] cand = {score, s};
                    if (top.size() < k) {
                        top.add(cand);
                    } else if (weakestFirst.compare(cand, top.peek()) > 0) {
                        top.poll();
                        top.add(cand);
                    }
                }
            }
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
            Integer slot = slotOf.get(profileId);
            if (slot == null) {
                return List.of();
            }
            List<Match> out = new ArrayList<>();
            for (ProblemEntry p : problems.values()) {
                if (!p.doc().open() || !sharesTheme(p.doc().themes(), profileThemes[slot])) {
                    continue;
                }
                boolean needLexical = config.lexicalWeight() > 0;
                // Without lexical weight the BM25 query only explains, so build it for kept pairs only.
                LexicalIndex.Query query = needLexical ? lexical.query(p.terms()) : null;
                double score = score(p, slot, needLexical ? query.normalisedScore(docTerms[slot]) : 0);
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

    public boolean hasProfile(UUID profileId) {
        lock.readLock().lock();
        try {
            return slotOf.containsKey(profileId);
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
            return slotOf.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- scoring

    private double score(ProblemEntry p, int slot, double lexical) {
        return new PairScorer(p).score(slot, lexical);
    }

    /** The score formula with everything that depends only on the problem worked out once. */
    private final class PairScorer {
        private final ProblemEntry problem;
        private final double hubWeight = config.hubnessWeight();
        private final double semanticScale = 1 / (1 - config.hubnessWeight());
        private final double textShare = (1 - config.lexicalWeight()) * (1 - config.themeWeight());
        private final double lexicalShare = config.lexicalWeight() * (1 - config.themeWeight());
        private final double themeWeight = config.themeWeight();
        private final boolean immediate;
        private final int readinessThreshold = config.readinessThreshold();
        private final double readinessPenalty = config.readinessPenalty();

        PairScorer(ProblemEntry problem) {
            this.problem = problem;
            this.immediate = problem.doc().horizon() == Horizon.IMMEDIATE_OPERATIONAL;
        }

        double score(int slot, double lexical) {
            return score(slot, cosine(problem, slot), lexical);
        }

        double score(int slot, double cos, double lexical) {
            // hub >= cos whenever the problem is open and gated with this profile, so semantic <= cos.
            double semantic = (cos - hubWeight * hub[slot]) * semanticScale;
            // [-1,1] -> [0,1] linearly: clamping instead would tie all weak candidates at 0.
            double score = textShare * (1 + semantic) / 2 + lexicalShare * lexical;
            if (themeWeight > 0) {
                score += themeWeight * themeShare(problem, slot);
            }
            if (immediate && readiness[slot] > 0 && readiness[slot] <= readinessThreshold) {
                // Labels grade an immature capability one step lower when the need is immediate.
                score -= readinessPenalty;
            }
            return Math.max(0, Math.min(1, score));
        }
    }

    private float cosine(ProblemEntry p, int slot) {
        // Any of the profile's theme blocks holds the same vector; use the first.
        ThemeBlock block = blocks.get(profileThemes[slot][0]);
        return Int8Vectors.dot(p.vector(), 0, block.vectors, blockPos[slot][0] * dim, dim) * p.scale() * scales[slot];
    }

    private double themeShare(ProblemEntry p, int slot) {
        Set<String> themes = p.doc().themes();
        if (themes.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String t : profileThemes[slot]) {
            if (themes.contains(t)) {
                shared++;
            }
        }
        return (double) shared / themes.size();
    }

    private Match match(ProblemEntry p, int slot, double score, LexicalIndex.Query query) {
        List<String> shared = new ArrayList<>();
        for (String t : profileThemes[slot]) {
            if (p.doc().themes().contains(t)) {
                shared.add(t);
            }
        }
        return new Match(p.doc().id(), slotIds[slot], score, shared,
                query.matchedTerms(docTerms[slot], config.matchedTermsLimit()));
    }

    private static boolean sharesTheme(Set<String> problemThemes, String[] profileThemes) {
        for (String t : profileThemes) {
            if (problemThemes.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private void checkDimension(int length) {
        if (dim < 0) {
            dim = length;
        } else if (length != dim) {
            throw new IllegalArgumentException("embedding has " + length + " dimensions, engine holds " + dim);
        }
    }

    private void ensureSlotCapacity(int needed) {
        if (needed <= slotIds.length) {
            return;
        }
        int cap = Math.max(needed, slotIds.length * 2);
        slotIds = Arrays.copyOf(slotIds, cap);
        blockPos = Arrays.copyOf(blockPos, cap);
        scales = Arrays.copyOf(scales, cap);
        hub = Arrays.copyOf(hub, cap);
        hubProblem = Arrays.copyOf(hubProblem, cap);
        profileThemes = Arrays.copyOf(profileThemes, cap);
        readiness = Arrays.copyOf(readiness, cap);
        docTerms = Arrays.copyOf(docTerms, cap);
    }

    /** One theme's profiles: their slots and int8 vectors, packed with no gaps. */
    private static final class ThemeBlock {
        private final int dim;
        private byte[] vectors = new byte[0];
        private int[] slots = new int[0];
        private int size;

        ThemeBlock(int dim) {
            this.dim = dim;
        }

        /** Appends; returns the position. */
        int add(int slot, byte[] vector) {
            if (size == slots.length) {
                int cap = Math.max(16, size + (size >> 2)); // 1.25x: blocks hold most of the heap
                slots = Arrays.copyOf(slots, cap);
                vectors = Arrays.copyOf(vectors, cap * dim);
            }
            slots[size] = slot;
            System.arraycopy(vector, 0, vectors, size * dim, dim);
            return size++;
        }

        /** Fills the hole with the last entry; returns the slot that moved, or -1. */
        int remove(int pos) {
            int last = --size;
            if (pos == last) {
                return -1;
            }
            slots[pos] = slots[last];
            System.arraycopy(vectors, last * dim, vectors, pos * dim, dim);
            return slots[pos];
        }
    }

    /** A small int stack for free slots (no boxing churn on rebuilds). */
    private static final class IntStack {
        private int[] items = new int[16];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        void push(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        int pop() {
            return items[--size];
        }
    }
}
