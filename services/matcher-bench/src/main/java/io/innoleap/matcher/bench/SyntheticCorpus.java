package io.innoleap.matcher.bench;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.Horizon;
import io.innoleap.contracts.events.Organisation;
import io.innoleap.contracts.events.OrganisationType;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.events.ProblemStatementStatus;
import io.innoleap.contracts.events.SolutionProfileSnapshot;
import io.innoleap.contracts.events.SolutionProfileStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Deterministic (seeded) problem statements and solution profiles written in the programme's kind
 * of English: each theme has its own nouns, so that a real sentence model puts texts of one theme
 * near each other and hubness, theme gating and list churn behave as with real data. Not labelled:
 * for load, not for quality.
 */
final class SyntheticCorpus {

    static final String[] THEMES = {"application-development", "sustainability", "smart-cities",
        "artificial-intelligence", "generative-ai", "data-analytics", "cybersecurity", "digital-identity", "cloud",
        "healthcare", "transport", "public-safety", "education", "finance", "manufacturing", "environment",
        "workforce-skills"};

    private static final String[][] NOUNS = {
        {"mobile app", "citizen portal", "online form", "case management system", "appointment booking",
            "chatbot", "user interface", "legacy system", "workflow", "notification service"},
        {"carbon emissions", "energy use", "recycling", "food waste", "solar panels", "water consumption",
            "green buildings", "packaging", "circular economy", "electricity bills"},
        {"street lighting", "sensors on lamp posts", "footfall", "noise complaints", "town council estates",
            "digital twin", "parking lots", "lift breakdowns", "cleaning schedules", "urban heat"},
        {"machine learning", "image recognition", "prediction model", "anomaly detection", "classification",
            "computer vision", "speech recognition", "recommendation", "forecasting model", "video analytics"},
        {"large language model", "document drafting", "summaries of reports", "question answering",
            "generated text", "prompts", "retrieval over documents", "writing assistant", "translation",
            "generated images"},
        {"dashboards", "data pipeline", "statistics", "data quality", "survey results", "trend analysis",
            "spreadsheets", "open data", "data warehouse", "reporting"},
        {"phishing emails", "ransomware", "vulnerabilities", "security patches", "intrusion detection",
            "access control", "threat intelligence", "penetration testing", "malware", "encryption"},
        {"identity verification", "digital signatures", "login credentials", "consent records",
            "verifiable credentials", "fraudulent identities", "biometrics", "single sign-on", "identity documents",
            "age verification"},
        {"cloud migration", "storage buckets", "virtual servers", "backups", "hosting costs", "containers",
            "software as a service", "data centre", "disaster recovery", "cloud accounts"},
        {"patients", "hospital beds", "clinic waiting times", "elderly residents", "medication", "nurses",
            "chronic disease", "emergency department", "caregivers", "health screening"},
        {"buses", "traffic junctions", "train delays", "commuters", "cycling paths", "road works",
            "taxi fleets", "freight trucks", "travel times", "bus stops"},
        {"emergency response", "fire safety", "crowd control", "police reports", "drowning", "flood alerts",
            "security cameras", "incident reports", "scams", "road accidents"},
        {"students", "teachers", "classrooms", "examinations", "lesson plans", "preschool children",
            "learning outcomes", "school timetables", "homework", "special needs pupils"},
        {"payments", "loans", "tax returns", "invoices", "fraudulent transactions", "insurance claims",
            "grants", "bank statements", "budgets", "financial assistance"},
        {"factory lines", "spare parts", "quality inspection", "machine maintenance", "3D printing", "robots",
            "production yield", "supply chain", "inventory", "welding"},
        {"air quality", "illegal dumping", "biodiversity", "nature reserves", "mosquito breeding",
            "water pollution", "coastal erosion", "noise pollution", "wildlife", "tree health"},
        {"job seekers", "training courses", "skills gaps", "career coaching", "apprenticeships",
            "workforce planning", "mid-career switchers", "job matching", "employers", "certifications"},
    };
    private static final String[] NEEDS = {"We cannot tell", "Officers spend hours checking", "It is hard to predict",
        "Residents complain about", "We lack a clear picture of", "Staff manually track", "Delays keep growing in",
        "We want to reduce", "We need early warning of", "Too much effort goes into"};
    private static final String[] OFFERS = {"detects", "forecasts", "automates", "monitors", "analyses", "reduces",
        "verifies", "schedules", "measures", "explains"};
    private static final String[] FILLER = {"across the country", "in real time", "for front-line officers",
        "with little training", "at low cost", "every day", "at peak hours", "for the public", "for small teams",
        "with clear reports"};

    private final Random random;
    private final Instant now;

    SyntheticCorpus(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
    }

    ProblemStatementSnapshot problem(UUID id) {
        List<String> themes = themes(1 + random.nextInt(2));
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            String theme = themes.get(random.nextInt(themes.size()));
            d.append(pick(NEEDS)).append(' ').append(noun(theme)).append(" and ").append(noun(theme)).append(' ')
                    .append(pick(FILLER)).append(". ");
        }
        String title = "Better handling of " + noun(themes.get(0)) + " and " + noun(themes.get(0));
        return new ProblemStatementSnapshot(id, new Agency("AGY", "Agency", "public service"), title,
                d.toString().trim(), themes, random.nextBoolean() ? Horizon.IMMEDIATE_OPERATIONAL : Horizon.LONG_TERM,
                new Contact("Officer", "officer@agency.example"), ProblemStatementStatus.OPEN, 0, now, now);
    }

    SolutionProfileSnapshot profile(UUID id) {
        List<String> themes = themes(1 + random.nextInt(3));
        StringBuilder s = new StringBuilder();
        List<String> keywords = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String theme = themes.get(random.nextInt(themes.size()));
            String a = noun(theme);
            s.append("Our platform ").append(pick(OFFERS)).append(' ').append(a).append(" and ").append(noun(theme))
                    .append(' ').append(pick(FILLER)).append(". ");
            if (keywords.size() < 4 && !keywords.contains(a)) {
                keywords.add(a);
            }
        }
        return new SolutionProfileSnapshot(id, new Organisation("Provider " + id.toString().substring(0, 8),
                OrganisationType.COMMERCIAL, null), "Solution " + id.toString().substring(0, 8), s.toString().trim(),
                themes, keywords, 1 + random.nextInt(9), new Contact("Founder", "founder@provider.example"),
                SolutionProfileStatus.ACTIVE, 0, now, now);
    }

    private List<String> themes(int n) {
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            out.add(THEMES[random.nextInt(THEMES.length)]);
        }
        return new ArrayList<>(out);
    }

    private String noun(String theme) {
        for (int t = 0; t < THEMES.length; t++) {
            if (THEMES[t].equals(theme)) {
                return NOUNS[t][random.nextInt(NOUNS[t].length)];
            }
        }
        throw new IllegalArgumentException(theme);
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }
}
