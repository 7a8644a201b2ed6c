package io.innoleap.contracts.themes;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The closed catalogue of themes shared by every service (API.md "Themes"). Input is normalised
 * through slugs, names and synonyms ("Smart Cities", "smart city" -> {@code smart-cities}); an
 * unknown theme can be answered with the closest valid slugs.
 */
public final class ThemeCatalogue {

    // Before any catalogue is built (the standard one is a static field below).
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9.]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");

    private static final List<Theme> THEMES = List.of(
            theme("application-development", "Application Development",
                    "Building and modernising web, mobile and enterprise applications and digital services.",
                    "app development", "app dev", "software development", "apps", "mobile apps", "web development",
                    "digital services"),
            theme("sustainability", "Sustainability",
                    "Reducing energy, carbon and waste; circular economy and green operations.",
                    "green", "decarbonisation", "decarbonization", "net zero", "circular economy", "energy efficiency",
                    "climate"),
            theme("smart-cities", "Smart Cities",
                    "Sensing, digital twins and urban systems that make cities work better for residents.",
                    "smart city", "urban", "urban solutions", "smart nation", "iot", "internet of things",
                    "digital twin"),
            theme("artificial-intelligence", "Artificial Intelligence",
                    "Machine learning, computer vision, prediction and decision support.",
                    "ai", "machine learning", "ml", "computer vision", "deep learning", "predictive analytics"),
            theme("generative-ai", "Generative AI",
                    "Large language models, chat assistants and content generation.",
                    "genai", "gen ai", "llm", "llms", "large language models", "chatbot", "chatbots"),
            theme("data-analytics", "Data Analytics",
                    "Data engineering, dashboards, statistics and insight from operational data.",
                    "analytics", "data", "big data", "business intelligence", "bi", "data science", "dashboards"),
            theme("cybersecurity", "Cybersecurity",
                    "Protecting systems and data: threat detection, secure design, resilience.",
                    "cyber security", "cyber", "infosec", "information security", "security"),
            theme("digital-identity", "Digital Identity",
                    "Authentication, verifiable credentials, identity and consent.",
                    "identity", "digital id", "authentication", "verifiable credentials", "e-kyc", "ekyc"),
            theme("cloud", "Cloud",
                    "Cloud platforms, migration, infrastructure and operations.",
                    "cloud computing", "cloud infrastructure", "devops", "serverless"),
            theme("healthcare", "Healthcare",
                    "Care delivery, population health, medical devices and eldercare.",
                    "health", "health care", "medical", "medtech", "eldercare", "aged care", "healthtech"),
            theme("transport", "Transport",
                    "Public transport, roads, logistics, mobility and maritime and air transport.",
                    "transportation", "mobility", "logistics", "public transport", "land transport", "maritime",
                    "aviation"),
            theme("public-safety", "Public Safety",
                    "Emergency response, policing, fire and rescue, and civil defence.",
                    "safety", "emergency response", "policing", "civil defence", "civil defense", "homeland security"),
            theme("education", "Education",
                    "Schools, higher education and learning technology.",
                    "edtech", "learning", "schools", "teaching"),
            theme("finance", "Finance",
                    "Payments, fintech, public finance, tax and fraud prevention.",
                    "fintech", "payments", "banking", "financial services", "tax"),
            theme("manufacturing", "Manufacturing",
                    "Advanced manufacturing, robotics, industrial automation and supply chains.",
                    "industry 4.0", "advanced manufacturing", "robotics", "industrial automation", "factory"),
            theme("environment", "Environment",
                    "Air and water quality, biodiversity, waste and climate adaptation.",
                    "environmental", "water", "air quality", "biodiversity", "waste management", "pollution"),
            theme("workforce-skills", "Workforce Skills",
                    "Training, reskilling, job matching and workforce planning.",
                    "workforce", "skills", "reskilling", "upskilling", "training", "jobs", "talent"));

    private static final ThemeCatalogue DEFAULT = new ThemeCatalogue(THEMES);

    private final List<Theme> themes;
    private final Map<String, Theme> bySlug = new LinkedHashMap<>();
    /** Every accepted spelling, normalised, to its slug. */
    private final Map<String, String> aliases = new HashMap<>();

    public ThemeCatalogue(Collection<Theme> themes) {
        this.themes = List.copyOf(themes);
        for (Theme t : this.themes) {
            bySlug.put(t.slug(), t);
        }
        // Slugs and names first, then synonyms: a synonym never shadows another theme's own name.
        for (Theme t : this.themes) {
            alias(key(t.slug()), t.slug());
            alias(key(t.name()), t.slug());
        }
        for (Theme t : this.themes) {
            t.synonyms().forEach(s -> alias(key(s), t.slug()));
        }
    }

    public static ThemeCatalogue standard() {
        return DEFAULT;
    }

    public List<Theme> themes() {
        return themes;
    }

    public Optional<Theme> bySlug(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    public boolean isSlug(String value) {
        return value != null && bySlug.containsKey(value);
    }

    /** The catalogue slug this input means, by slug, name or synonym, ignoring case, spacing and plurals. */
    public Optional<String> normalise(String input) {
        if (input == null || input.isBlank()) {
            return Optional.empty();
        }
        String slug = aliases.get(input); // the common case: a slug or alias already in its normal form
        if (slug != null) {
            return Optional.of(slug);
        }
        String k = key(input);
        slug = aliases.get(k);
        if (slug == null) {
            slug = aliases.get(singular(k));
        }
        return Optional.ofNullable(slug);
    }

    /** Normalises a list, keeping first occurrences only; unknown entries are left out. */
    public List<String> normaliseAll(Collection<String> inputs) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String in : inputs) {
            normalise(in).ifPresent(out::add);
        }
        return new ArrayList<>(out);
    }

    /** Up to {@code limit} valid slugs nearest to an unknown input (edit distance over every alias). */
    public List<String> closest(String input, int limit) {
        String k = key(input == null ? "" : input);
        Map<String, Integer> best = new HashMap<>();
        for (Map.Entry<String, String> e : aliases.entrySet()) {
            int d = distance(k, e.getKey());
            // A shared prefix or containment is a strong hint ("cyber-sec" -> cybersecurity).
            if (!k.isEmpty() && (e.getKey().startsWith(k) || k.startsWith(e.getKey()) || e.getKey().contains(k))) {
                d = Math.min(d, 1);
            }
            best.merge(e.getValue(), d, Math::min);
        }
        return best.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    private void alias(String key, String slug) {
        aliases.putIfAbsent(key, slug);
        // Also the singular form, so "workforce skill" and "smart city" find their themes.
        aliases.putIfAbsent(singular(key), slug);
    }

    /** Lower case, accents stripped, every run of non-alphanumerics becomes one hyphen. */
    static String key(String s) {
        String n = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFKD)).replaceAll("");
        n = SEPARATORS.matcher(n.toLowerCase(Locale.ROOT)).replaceAll("-");
        return EDGE_DASHES.matcher(n).replaceAll("");
    }

    private static String singular(String k) {
        StringBuilder out = new StringBuilder();
        for (String w : k.split("-")) {
            if (out.length() > 0) {
                out.append('-');
            }
            if (w.endsWith("ies") && w.length() > 4) {
                out.append(w, 0, w.length() - 3).append('y');
            } else if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) {
                out.append(w, 0, w.length() - 1);
            } else {
                out.append(w);
            }
        }
        return out.toString();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Theme theme(String slug, String name, String description, String... synonyms) {
        return new Theme(slug, name, description, List.of(synonyms));
    }

    /** Sort helper for callers that present themes alphabetically by name. */
    public static final Comparator<Theme> BY_NAME = Comparator.comparing(Theme::name);
}
