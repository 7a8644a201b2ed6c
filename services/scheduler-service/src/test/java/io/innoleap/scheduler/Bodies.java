package io.innoleap.scheduler;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies of the scheduler's creating endpoints, as maps the HTTP client sends as JSON. */
public final class Bodies {

    private static final ZoneId SGT = ZoneId.of("Asia/Singapore");

    private Bodies() {
    }

    public static Map<String, Object> workshop(String theme, LocalDate date, boolean overrideCadence) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("theme", theme);
        m.put("startsAt", OffsetDateTime.of(date.atTime(9, 30), SGT.getRules().getOffset(date.atTime(9, 30).atZone(SGT).toInstant())).toString());
        m.put("durationMinutes", 120);
        m.put("venue", "Block 71, Level 2");
        m.put("capacity", 5);
        m.put("overrideCadence", overrideCadence);
        return m;
    }

    public static Map<String, Object> plan(LocalDate notBefore) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notBefore", notBefore.toString());
        m.put("venue", "Block 71");
        return m;
    }

    public static Map<String, Object> sharingDay(String theme, List<String> agencyCodes, LocalDate date) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("theme", theme);
        m.put("audience", Map.of("agencyCodes", agencyCodes));
        m.put("date", date.toString());
        m.put("startTime", "09:30");
        m.put("presentationMinutes", 20);
        m.put("consultationMinutes", 60);
        m.put("maxPresenters", 4);
        return m;
    }

    /** A slot; {@code coordinatorEmail} null leaves {@code coordinator} out (a coordinator publishing for themselves). */
    public static Map<String, Object> slot(String coordinatorName, String coordinatorEmail, Instant startsAt, int minutes) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (coordinatorEmail != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", coordinatorName);
            c.put("email", coordinatorEmail);
            m.put("coordinator", c);
        }
        m.put("startsAt", startsAt.toString());
        m.put("durationMinutes", minutes);
        return m;
    }

    public static Map<String, Object> clinic(UUID problemStatementId, Object slotId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("problemStatementId", problemStatementId.toString());
        m.put("slotId", String.valueOf(slotId));
        return m;
    }

    /** {@code PUT /api/workshops/{id}}: to 14:00 on {@code date}, with the cadence overridden. */
    public static Map<String, Object> reschedule(long version, LocalDate date) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("startsAt", OffsetDateTime.of(date.atTime(14, 0), SGT.getRules().getOffset(date.atTime(14, 0).atZone(SGT).toInstant())).toString());
        m.put("overrideCadence", true);
        return m;
    }

    public static Map<String, Object> cancel(String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", reason);
        return m;
    }

    /** {@code PUT /api/sharing-days/{id}}: to {@code date}, 13:30. */
    public static Map<String, Object> rescheduleSharingDay(long version, LocalDate date) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("date", date.toString());
        m.put("startTime", "13:30");
        return m;
    }
}
