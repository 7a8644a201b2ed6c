package io.innoleap.scheduler.notifications;

import java.time.Instant;
import java.util.List;

/**
 * A feature's bookings that take place (confirmed clinics, scheduled workshops and sharing days,
 * never cancelled ones) and start in {@code (from, to]}: what {@link ReminderJob} reminds people of.
 */
public interface ReminderSource {
    List<Reminder> startingBetween(Instant from, Instant to);
}
