package io.innoleap.localstack.mail;

import io.innoleap.localstack.mail.ParsedMail.MailAddress;

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
    final MailAddress from;
    final List<MailAddress> to;
    final List<MailAddress> cc;
    final List<MailAddress> bcc;
    final List<MailAddress> replyTo;
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
        this.messageId = nullToEmpty(parsed.messageId());
        this.from = parsed.from();
        this.to = parsed.addresses("To");
        this.cc = parsed.addresses("Cc");
        this.bcc = parsed.addresses("Bcc");
        this.replyTo = parsed.addresses("Reply-To");
        this.subject = parsed.subject();
        this.attachmentCount = parsed.attachments().size();
        this.snippet = parsed.snippet();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
