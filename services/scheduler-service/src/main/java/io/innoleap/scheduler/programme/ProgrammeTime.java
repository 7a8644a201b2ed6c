package io.innoleap.scheduler.programme;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Shows instants in the programme zone and always names the zone, so a reader abroad is never
 * misled: {@code Thu 14 Jan 2027, 09:30-10:30 (Asia/Singapore, GMT+8)}.
 */
public final class ProgrammeTime {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final ZoneId zone;

    public ProgrammeTime(ZoneId zone) {
        this.zone = zone;
    }

    public String range(Instant start, Instant end) {
        ZonedDateTime s = start.atZone(zone);
        ZonedDateTime e = end.atZone(zone);
        String when = s.toLocalDate().equals(e.toLocalDate())
                ? DAY.format(s) + ", " + TIME.format(s) + "-" + TIME.format(e)
                : DAY.format(s) + ", " + TIME.format(s) + " - " + DAY.format(e) + ", " + TIME.format(e);
        return when + " (" + zoneLabel(start) + ")";
    }

    public String instant(Instant instant) {
        ZonedDateTime t = instant.atZone(zone);
        return DAY.format(t) + ", " + TIME.format(t) + " (" + zoneLabel(instant) + ")";
    }

    /** e.g. {@code Asia/Singapore, GMT+8}; {@code GMT+5:30}; {@code GMT} for a zero offset. */
    public String zoneLabel(Instant at) {
        ZoneOffset offset = zone.getRules().getOffset(at);
        int seconds = offset.getTotalSeconds();
        String gmt = "GMT";
        if (seconds != 0) {
            int abs = Math.abs(seconds);
            gmt += (seconds < 0 ? "-" : "+") + abs / 3600 + (abs % 3600 != 0 ? String.format(Locale.ROOT, ":%02d", abs % 3600 / 60) : "");
        }
        return zone.getId() + ", " + gmt;
    }
}
