package io.innoleap.scheduler.workshops;

import io.innoleap.scheduler.notifications.Reminder;
import io.innoleap.scheduler.notifications.ReminderSource;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Scheduled workshops for the reminder job: everyone their invitation went to. */
@Singleton
class WorkshopReminders implements ReminderSource {
    private final ThematicWorkshops workshops;

    WorkshopReminders(ThematicWorkshops workshops) {
        this.workshops = workshops;
    }

    @Override
    public List<Reminder> startingBetween(Instant from, Instant to) {
        return workshops.remindersBetween(from, to);
    }
}
