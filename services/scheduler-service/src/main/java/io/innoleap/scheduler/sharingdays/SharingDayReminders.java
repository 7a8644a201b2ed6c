package io.innoleap.scheduler.sharingdays;

import io.innoleap.scheduler.notifications.Reminder;
import io.innoleap.scheduler.notifications.ReminderSource;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Scheduled sharing days for the reminder job: presenters and the audience's contacts. */
@Singleton
class SharingDayReminders implements ReminderSource {
    private final SharingDays sharingDays;

    SharingDayReminders(SharingDays sharingDays) {
        this.sharingDays = sharingDays;
    }

    @Override
    public List<Reminder> startingBetween(Instant from, Instant to) {
        return sharingDays.remindersBetween(from, to);
    }
}
