package io.innoleap.scheduler.workshops;

import io.innoleap.scheduler.mail.MailContent;

import java.util.List;

/**
 * Sends a workshop's invitation (rendered by {@code SchedulerMails.workshopInvitation}, with its
 * .ics) to each address. Called inside the booking's transaction: an implementation must not
 * lose the mails once that transaction commits, and must send nothing if it rolls back.
 */
public interface WorkshopInvitations {
    void send(List<String> to, MailContent invitation);
}
