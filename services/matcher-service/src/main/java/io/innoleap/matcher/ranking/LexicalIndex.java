package io.innoleap.matcher.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity.SimScorer;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SmallFloat;

/**
 * Corpus statistics of the profiles' analysed text, and BM25 scoring through Lucene's own
 * {@link BM25Similarity}. We keep per-profile term vectors (sorted term ids) instead of a Lucene
 * index because the engine scores an explicit, theme-gated candidate set and single pairs (a
 * profile against every open problem); the scores are exactly Lucene's for the same statistics.
 * Not thread-safe: the engine guards it with its read/write lock.
 */
final class LexicalIndex {

    private static final String FIELD = "text";
    /** A frequency large enough that BM25's saturating tf part is 1: the term's full weight. */
    private static final float SATURATED_FREQ = 1e9f;

    /**
     * A profile's analysed text: {@code termId << 8 | min(freq, 255)} sorted by term id (one int per
     * term keeps 100k profiles' term vectors near 20 MB), and Lucene's length norm.
     */
    record DocTerms(int[] packed, long norm) {
        int termId(int i) {
            return packed[i] >>> 8;
        }

        int freq(int i) {
            return packed[i] & 0xFF;
        }

        int size() {
            return packed.length;
        }
    }

    /** Term ids must fit the 24 bits left by the packed frequency. */
    private static final int MAX_TERMS = 1 << 24;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> terms = new ArrayList<>();
    private int[] docFreq = new int[1024];
    private long[] totalTermFreq = new long[1024];
    private long docCount;
    private long sumTotalTermFreq;
    private long sumDocFreq;
    private final BM25Similarity similarity = new BM25Similarity();

    DocTerms add(TextAnalysis.Terms analysed) {
        int n = analysed.frequencies().size();
        int[][] pairs = new int[n][];
        int i = 0;
        for (Map.Entry<String, Integer> e : analysed.frequencies().entrySet()) {
            int id = ids.computeIfAbsent(e.getKey(), this::newTerm);
            pairs[i++] = new int[] {id, e.getValue()};
        }
        Arrays.sort(pairs, (a, b) -> Integer.compare(a[0], b[0]));
        int[] packed = new int[n];
        for (i = 0; i < n; i++) {
            // A term repeated more than 255 times in one profile is saturated by BM25 long before.
            int freq = Math.min(255, pairs[i][1]);
            packed[i] = pairs[i][0] << 8 | freq;
            docFreq[pairs[i][0]]++;
            totalTermFreq[pairs[i][0]] += freq;
            sumTotalTermFreq += freq;
        }
        sumDocFreq += n;
        docCount++;
        // Same length normalisation Lucene's BM25Similarity.computeNorm stores per document.
        return new DocTerms(packed, SmallFloat.intToByte4(Math.max(1, analysed.length())));
    }

    void remove(DocTerms doc) {
        for (int i = 0; i < doc.size(); i++) {
            docFreq[doc.termId(i)]--;
            totalTermFreq[doc.termId(i)] -= doc.freq(i);
            sumTotalTermFreq -= doc.freq(i);
        }
        sumDocFreq -= doc.size();
        docCount--;
    }

    private int newTerm(String term) {
        int id = terms.size();
        if (id == MAX_TERMS) {
            throw new IllegalStateException("more than " + MAX_TERMS + " distinct terms");
        }
        terms.add(term);
        if (id == docFreq.length) {
            docFreq = Arrays.copyOf(docFreq, id * 2);
            totalTermFreq = Arrays.copyOf(totalTermFreq, id * 2);
        }
        return id;
    }

    /** Builds the BM25 query of a problem's analysed text against the current statistics. */
    Query query(TextAnalysis.Terms problem) {
        if (docCount == 0) {
            return Query.EMPTY;
        }
        CollectionStatistics collection = new CollectionStatistics(FIELD, docCount, docCount,
                Math.max(sumTotalTermFreq, sumDocFreq), sumDocFreq);
        List<int[]> present = new ArrayList<>();
        int idx = 0;
        List<String> stems = new ArrayList<>(problem.frequencies().keySet());
        for (String stem : stems) {
            Integer id = ids.get(stem);
            if (id != null && docFreq[id] > 0) {
                present.add(new int[] {id, idx});
            }
            idx++;
        }
        present.sort((a, b) -> Integer.compare(a[0], b[0]));
        int n = present.size();
        int[] termIds = new int[n];
        SimScorer[] scorers = new SimScorer[n];
        String[] surface = new String[n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            int id = present.get(i)[0];
            String stem = stems.get(present.get(i)[1]);
            termIds[i] = id;
            // Repeated query words weigh more, as repeated clauses of a Lucene BooleanQuery do.
            float boost = problem.frequencies().get(stem);
            scorers[i] = similarity.scorer(boost, collection,
                    new TermStatistics(new BytesRef(stem), docFreq[id], Math.max(docFreq[id], totalTermFreq[id])));
            surface[i] = problem.surfaceForms().get(stem);
            max += scorers[i].score(SATURATED_FREQ, 1L);
        }
        return new Query(termIds, scorers, surface, max);
    }

    /** A problem's BM25 query: one Lucene scorer per query term present in the corpus. */
    static final class Query {
        static final Query EMPTY = new Query(new int[0], new SimScorer[0], new String[0], 0);

        private final int[] termIds;
        private final SimScorer[] scorers;
        private final String[] surface;
        private final double maxScore;

        private Query(int[] termIds, SimScorer[] scorers, String[] surface, double maxScore) {
            this.termIds = termIds;
            this.scorers = scorers;
            this.surface = surface;
            this.maxScore = maxScore;
        }

        /** BM25 divided by what a document containing every query term saturated would get: [0,1]. */
        double normalisedScore(DocTerms doc) {
            if (maxScore == 0) {
                return 0;
            }
            double s = 0;
            int i = 0;
            int j = 0;
            int n = doc.size();
            while (i < termIds.length && j < n) {
                int t = doc.termId(j);
                if (termIds[i] < t) {
                    i++;
                } else if (termIds[i] > t) {
                    j++;
                } else {
                    s += scorers[i].score(doc.freq(j), doc.norm());
                    i++;
                    j++;
                }
            }
            return Math.min(1.0, s / maxScore);
        }

        /** The problem's words the profile shares, largest BM25 contribution first. */
        List<String> matchedTerms(DocTerms doc, int limit) {
            List<Object[]> hits = new ArrayList<>();
            int i = 0;
            int j = 0;
            int n = doc.size();
            while (i < termIds.length && j < n) {
                int t = doc.termId(j);
                if (termIds[i] < t) {
                    i++;
                } else if (termIds[i] > t) {
                    j++;
                } else {
                    hits.add(new Object[] {surface[i], scorers[i].score(doc.freq(j), doc.norm())});
                    i++;
                    j++;
                }
            }
            hits.sort((a, b) -> {
                int c = Float.compare((Float) b[1], (Float) a[1]);
                return c != 0 ? c : ((String) a[0]).compareTo((String) b[0]);
            });
            List<String> out = new ArrayList<>(Math.min(limit, hits.size()));
            for (int k = 0; k < hits.size() && out.size() < limit; k++) {
                String word = (String) hits.get(k)[0];
                if (!out.contains(word)) {
                    out.add(word);
                }
            }
            return out;
        }
    }
}
