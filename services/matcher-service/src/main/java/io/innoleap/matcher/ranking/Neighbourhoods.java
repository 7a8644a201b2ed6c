package io.innoleap.matcher.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Each open problem's {@code k} nearest other open problems (cosine of their embeddings, ties by
 * id): the reference set of its local hubness correction. A profile that fits one of a problem's
 * neighbours better than the problem itself counts for the problem only as far as the two are
 * alike, so a generic profile, or one written for a neighbouring problem, does not top the list.
 *
 * <p>Because the reference is local, a new or closed problem changes only the lists of the
 * problems whose neighbourhood it enters or leaves (about {@code k} on average), not the scores of
 * every profile near it on every list: that is what keeps the events per new problem near its own
 * top-K. Not thread-safe: the engine's lock guards it.
 */
final class Neighbourhoods {

    private final int k;
    private ProblemEntry[][] of = new ProblemEntry[0][];
    private float[][] sims = new float[0][];

    Neighbourhoods(int k) {
        this.k = k;
    }

    /** The problem itself first, then its neighbours: what its hubness is measured against. */
    ProblemEntry[] references(ProblemEntry p) {
        ProblemEntry[] n = p.ordinal() < of.length && of[p.ordinal()] != null ? of[p.ordinal()] : new ProblemEntry[0];
        ProblemEntry[] out = new ProblemEntry[n.length + 1];
        out[0] = p;
        System.arraycopy(n, 0, out, 1, n.length);
        return out;
    }

    /**
     * An open problem arrived: its own neighbours are found, and it joins the neighbourhoods it
     * is near enough to.
     *
     * @param open every open problem, {@code p} included or not
     * @param changed collects the problems whose neighbourhood changed
     */
    void opened(ProblemEntry p, Collection<ProblemEntry> open, Set<UUID> changed) {
        ensure(p.ordinal() + 1);
        if (k == 0) {
            return;
        }
        List<ProblemEntry> others = new ArrayList<>(open.size());
        for (ProblemEntry q : open) {
            if (q.ordinal() != p.ordinal() && q.open()) {
                others.add(q);
            }
        }
        float[] simToP = new float[others.size()];
        for (int i = 0; i < others.size(); i++) {
            simToP[i] = similarity(p, others.get(i));
        }
        fill(p, others, simToP);
        for (int i = 0; i < others.size(); i++) {
            ProblemEntry q = others.get(i);
            ensure(q.ordinal() + 1);
            if (joins(q, p, simToP[i])) {
                insert(q, p, simToP[i]);
                changed.add(q.doc().id());
            }
        }
    }

    /** A problem closed, changed or left: neighbourhoods that held it are found again without it. */
    void gone(ProblemEntry p, Collection<ProblemEntry> open, Set<UUID> changed) {
        if (p.ordinal() < of.length) {
            of[p.ordinal()] = null;
            sims[p.ordinal()] = null;
        }
        for (ProblemEntry q : open) {
            if (q.ordinal() == p.ordinal() || !q.open() || q.ordinal() >= of.length || of[q.ordinal()] == null) {
                continue;
            }
            for (ProblemEntry n : of[q.ordinal()]) {
                if (n.ordinal() == p.ordinal()) {
                    List<ProblemEntry> others = new ArrayList<>();
                    for (ProblemEntry o : open) {
                        if (o.ordinal() != q.ordinal() && o.ordinal() != p.ordinal() && o.open()) {
                            others.add(o);
                        }
                    }
                    float[] s = new float[others.size()];
                    for (int i = 0; i < others.size(); i++) {
                        s[i] = similarity(q, others.get(i));
                    }
                    fill(q, others, s);
                    changed.add(q.doc().id());
                    break;
                }
            }
        }
    }

    static float similarity(ProblemEntry a, ProblemEntry b) {
        return Int8Vectors.dot(a.vector(), 0, b.vector(), 0, a.vector().length) * a.scale() * b.scale();
    }

    /** Whether {@code candidate} belongs in q's neighbourhood (more similar than its k-th, ties by id). */
    private boolean joins(ProblemEntry q, ProblemEntry candidate, float sim) {
        ProblemEntry[] n = of[q.ordinal()];
        if (n == null || n.length < k) {
            return true;
        }
        return before(sim, candidate, sims[q.ordinal()][n.length - 1], n[n.length - 1]);
    }

    private void insert(ProblemEntry q, ProblemEntry candidate, float sim) {
        ProblemEntry[] n = of[q.ordinal()] == null ? new ProblemEntry[0] : of[q.ordinal()];
        float[] s = sims[q.ordinal()] == null ? new float[0] : sims[q.ordinal()];
        int len = Math.min(k, n.length + 1);
        ProblemEntry[] nn = new ProblemEntry[len];
        float[] ns = new float[len];
        int j = 0;
        boolean placed = false;
        for (int i = 0; i < len; i++) {
            if (!placed && (j >= n.length || before(sim, candidate, s[j], n[j]))) {
                nn[i] = candidate;
                ns[i] = sim;
                placed = true;
            } else {
                nn[i] = n[j];
                ns[i] = s[j];
                j++;
            }
        }
        of[q.ordinal()] = nn;
        sims[q.ordinal()] = ns;
    }

    /** The top k of {@code others} by similarity to p (ties by id), by insertion: k is small. */
    private void fill(ProblemEntry p, List<ProblemEntry> others, float[] sim) {
        ProblemEntry[] n = new ProblemEntry[Math.min(k, others.size())];
        float[] s = new float[n.length];
        int size = 0;
        for (int i = 0; i < others.size(); i++) {
            ProblemEntry o = others.get(i);
            if (size == n.length && !before(sim[i], o, s[size - 1], n[size - 1])) {
                continue;
            }
            int j = size < n.length ? size++ : size - 1;
            while (j > 0 && before(sim[i], o, s[j - 1], n[j - 1])) {
                n[j] = n[j - 1];
                s[j] = s[j - 1];
                j--;
            }
            n[j] = o;
            s[j] = sim[i];
        }
        of[p.ordinal()] = n;
        sims[p.ordinal()] = s;
    }

    private static boolean before(float simA, ProblemEntry a, float simB, ProblemEntry b) {
        return simA > simB || (simA == simB && a.doc().id().compareTo(b.doc().id()) < 0);
    }

    private void ensure(int size) {
        if (of.length < size) {
            int cap = Math.max(size, of.length * 2);
            of = Arrays.copyOf(of, cap);
            sims = Arrays.copyOf(sims, cap);
        }
    }
}
