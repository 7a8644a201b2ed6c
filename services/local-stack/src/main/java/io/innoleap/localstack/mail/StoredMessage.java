package io.innoleap.localstack.mail;

import io.innoleap.localstack.mail.MailpitJson.Address;
import io.innoleap.localstack.mail.MailpitJson.MessageSummary;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the list needs to know about one caught message, kept in memory; the message itself
 * stays in its .eml file and is parsed again when someone opens it.
 */
final class StoredMessage {

    final String id;
    final Path file;
    final Instant created;
    final String messageId;
    final Address from;
    final List<Address> to;
    final List<Address> cc;
    final List<Address> bcc;
    final List<Address> replyTo;
    final String subject;
    final long size;
    final int attachmentCount;
    final String snippet;
    /** In memory only: a restart shows every message as unread again. */
    volatile boolean read;

    StoredMessage(String id, Path file, Instant created, long size, ParsedMail parsed) {
        this.id = id;
        this.file = file;
        this.created = created;
        this.size = size;
        this.messageId = parsed.messageId();
        this.from = parsed.from();
        this.to = parsed.to();
        this.cc = parsed.cc();
        this.bcc = parsed.bcc();
        this.replyTo = parsed.replyTo();
        this.subject = parsed.subject();
        this.attachmentCount = parsed.attachments().size();
        this.snippet = parsed.snippet();
    }

    MessageSummary summary() {
        return new MessageSummary(id, messageId, read, from, to, cc, bcc, replyTo, subject, created, "", List.of(),
                size, attachmentCount, snippet);
    }
}
