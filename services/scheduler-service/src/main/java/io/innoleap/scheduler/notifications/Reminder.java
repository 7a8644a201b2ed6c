package io.innoleap.scheduler.notifications;

import io.innoleap.contracts.events.Contact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One booking a reminder is due for: {@code bookingKey} names it ({@code workshop:<id>}), {@code startsAt}
 * is its current start (a moved booking is a new reminder), {@code event} what the mail shows and
 * {@code recipients} who gets it.
 */
public record Reminder(String bookingKey, Instant startsAt, ChangeMails.Booking event, List<Contact> recipients) {
    public Reminder {
        Objects.requireNonNull(bookingKey, "bookingKey");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(event, "event");
        recipients = List.copyOf(recipients);
    }

    /** The prefix of every reminder key of a booking, e.g. {@code reminder:workshop:<id>:}; see {@link MailOutbox#withdraw}. */
    public static String keyPrefix(String bookingKey) {
        return "reminder:" + bookingKey + ":";
    }
}
