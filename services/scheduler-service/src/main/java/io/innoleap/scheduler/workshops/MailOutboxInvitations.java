package io.innoleap.scheduler.workshops;

import io.innoleap.scheduler.email.MailOutbox;
import io.innoleap.scheduler.mail.MailContent;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Invitations through the scheduler's mail outbox: stored in the booking's transaction, one mail
 * per recipient, delivered after commit and retried until SMTP takes them.
 */
@Singleton
class MailOutboxInvitations implements WorkshopInvitations {

    private final MailOutbox outbox;

    MailOutboxInvitations(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void send(List<String> to, MailContent invitation) {
        outbox.enqueue(to, invitation);
    }
}
