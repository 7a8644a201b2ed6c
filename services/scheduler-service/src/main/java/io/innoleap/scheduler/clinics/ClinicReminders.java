package io.innoleap.scheduler.clinics;

import io.innoleap.scheduler.notifications.Reminder;
import io.innoleap.scheduler.notifications.ReminderSource;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Confirmed clinics for the reminder job: the agency contact, linked companies and the coordinator. */
@Singleton
class ClinicReminders implements ReminderSource {
    private final Clinics clinics;

    ClinicReminders(Clinics clinics) {
        this.clinics = clinics;
    }

    @Override
    public List<Reminder> startingBetween(Instant from, Instant to) {
        return clinics.remindersBetween(from, to);
    }
}
