package io.innoleap.matcher.ranking;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Lucene's English analysis chain (standard tokenizer, possessives, lower case, stop words,
 * Porter stemming) with the fuller Snowball stop list. We keep, per stem, the first surface form seen so that explanations can
 * show words a person recognises ("headways" -> stem "headwai" -> shown as "headways").
 */
public final class TextAnalysis {

    /** Stem -> term frequency, plus stem -> surface form, in first-occurrence order. */
    public record Terms(Map<String, Integer> frequencies, Map<String, String> surfaceForms, int length) {
    }

    private static final String FIELD = "text";
    private static final CharArraySet STOP_WORDS = loadStopWords();
    private final Analyzer analyzer = new EnglishAnalyzer(STOP_WORDS);

    public Terms analyze(String text) {
        Map<String, Integer> freqs = new LinkedHashMap<>();
        Map<String, String> surface = new HashMap<>();
        int length = 0;
        try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String stem = term.toString();
                freqs.merge(stem, 1, Integer::sum);
                surface.putIfAbsent(stem, text.substring(offset.startOffset(), offset.endOffset())
                        .toLowerCase(Locale.ROOT));
                length++;
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a StringReader
        }
        return new Terms(freqs, surface, length);
    }

    private static CharArraySet loadStopWords() {
        try (InputStream in = TextAnalysis.class.getResourceAsStream("stopwords-en.txt")) {
            return WordlistLoader.getWordSet(new InputStreamReader(in, StandardCharsets.UTF_8), "#");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits text into sentences for sentence-level embedding (a plain rule is enough here). */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("(?<=[.!?])\\s+(?=[A-Z0-9\"'(])")) {
            String t = s.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
