package io.innoleap.matcher.eval;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SmallFloat;

import io.innoleap.matcher.ranking.MiniLmEmbedder;
import io.innoleap.matcher.ranking.ProblemDoc;
import io.innoleap.matcher.ranking.ProfileDoc;
import io.innoleap.matcher.ranking.TextAnalysis;

/** Temporary exploration helper: dumps raw signals for offline analysis. */
public final class SignalDump {
    public static void main(String[] args) throws Exception {
        MiniLmEmbedder emb = new MiniLmEmbedder();
        TextAnalysis ta = new TextAnalysis();
        for (String a : args) {
            Fixtures f = Fixtures.load(Path.of(a));
            Path out = Path.of("/tmp/lab", f.name());
            Files.createDirectories(out);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("texts.tsv")))) {
                for (ProblemDoc p : f.problems()) {
                    String k = f.keys().get(p.id());
                    emit(w, emb, k, "full", p.text());
                    emit(w, emb, k, "title", p.title());
                    emit(w, emb, k, "desc", p.description());
                    int i = 0;
                    for (String s : TextAnalysis.sentences(p.description())) {
                        emit(w, emb, k, "sent" + (i++), s);
                    }
                }
                for (ProfileDoc s : f.profiles()) {
                    String k = f.keys().get(s.id());
                    emit(w, emb, k, "full", s.text());
                    emit(w, emb, k, "summary", s.solutionName() + ". " + s.summary());
                    emit(w, emb, k, "kw", s.solutionName() + ": " + String.join(", ", s.keywords()));
                    emit(w, emb, k, "kwonly", String.join(", ", s.keywords()));
                    int i = 0;
                    for (String x : TextAnalysis.sentences(s.summary())) {
                        emit(w, emb, k, "sent" + (i++), x);
                    }
                }
            }
            // BM25 (Lucene similarity) of every problem against every profile.
            List<TextAnalysis.Terms> docs = new ArrayList<>();
            Map<String, Integer> df = new HashMap<>();
            Map<String, Long> ttf = new HashMap<>();
            long sumTtf = 0, sumDf = 0;
            for (ProfileDoc s : f.profiles()) {
                TextAnalysis.Terms t = ta.analyze(s.text());
                docs.add(t);
                for (var e : t.frequencies().entrySet()) {
                    df.merge(e.getKey(), 1, Integer::sum);
                    ttf.merge(e.getKey(), (long) e.getValue(), Long::sum);
                    sumDf++;
                    sumTtf += e.getValue();
                }
            }
            BM25Similarity sim = new BM25Similarity();
            CollectionStatistics cs = new CollectionStatistics("text", docs.size(), docs.size(), sumTtf, sumDf);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("bm25.tsv")))) {
                for (ProblemDoc p : f.problems()) {
                    TextAnalysis.Terms q = ta.analyze(p.text());
                    for (int d = 0; d < docs.size(); d++) {
                        double score = 0;
                        List<String> matched = new ArrayList<>();
                        long norm = SmallFloat.intToByte4(docs.get(d).length());
                        for (var e : q.frequencies().entrySet()) {
                            Integer tf = docs.get(d).frequencies().get(e.getKey());
                            if (tf == null) continue;
                            Similarity.SimScorer sc = sim.scorer(e.getValue(), cs,
                                    new TermStatistics(new BytesRef(e.getKey()), df.get(e.getKey()), ttf.get(e.getKey())));
                            score += sc.score(tf, norm);
                            matched.add(e.getKey());
                        }
                        w.println(f.keys().get(p.id()) + "\t" + f.keys().get(f.profiles().get(d).id()) + "\t" + score + "\t" + String.join(",", matched));
                    }
                }
            }
        }
    }

    private static void emit(PrintWriter w, MiniLmEmbedder emb, String key, String kind, String text) {
        float[] v = emb.embed(text);
        StringBuilder sb = new StringBuilder(key).append('\t').append(kind).append('\t');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(v[i]);
        }
        w.println(sb);
    }
}
