package io.innoleap.scheduler.programme;

import java.time.LocalDate;

/** A weekday on which nothing is booked, and why: {@code name} of the holiday or closure (may be blank). */
public record ClosedDay(LocalDate date, Kind kind, String name, String country) {

    public enum Kind { PUBLIC_HOLIDAY, PROGRAMME_CLOSURE }

    /** e.g. {@code 2027-01-01 is a public holiday in Singapore: New Year's Day}. */
    public String describe() {
        String named = name == null || name.isBlank() ? "" : ": " + name.strip();
        return switch (kind) {
            case PUBLIC_HOLIDAY -> date + " is a public holiday in " + country + named;
            case PROGRAMME_CLOSURE -> date + " is a closure day of the programme" + named;
        };
    }
}
