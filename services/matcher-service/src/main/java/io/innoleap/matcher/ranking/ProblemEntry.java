package io.innoleap.matcher.ranking;

/**
 * A problem statement as the engine holds it: a dense ordinal (what hubness points at), the
 * document, its int8 vector with scale, and its analysed text (the BM25 query and explanations).
 */
record ProblemEntry(int ordinal, ProblemDoc doc, byte[] vector, float scale, TextAnalysis.Terms terms) {

    boolean open() {
        return doc.open();
    }
}
