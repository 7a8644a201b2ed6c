package io.innoleap.localstack.mail;

import io.innoleap.localstack.mail.ParsedMail.MailAddress;
import io.innoleap.localstack.mail.ParsedMail.PartInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of Mailpit's API v1 (field names and nesting as in Mailpit's
 * {@code MessageSummary}, {@code Message} and {@code Attachment}), built as ordered maps so the
 * names stay exactly as Mailpit spells them. Addresses always carry {@code Name} and
 * {@code Address}, as Go's {@code mail.Address} does; {@code Name} is "" without a display name.
 */
final class MailpitJson {

    private MailpitJson() {
    }

    static Map<String, Object> messagesPage(List<StoredMessage> page, int start, int total, int unread) {
        List<Object> messages = new ArrayList<>();
        for (StoredMessage m : page) {
            messages.add(summary(m));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", total);
        body.put("unread", unread);
        body.put("count", page.size()); // legacy field Mailpit still sends
        body.put("messages_count", total);
        body.put("messages_unread", unread);
        body.put("start", start);
        body.put("tags", List.of());
        body.put("messages", messages);
        return body;
    }

    static Map<String, Object> summary(StoredMessage m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ID", m.id);
        s.put("MessageID", m.messageId);
        s.put("Read", m.read);
        s.put("From", address(m.from));
        s.put("To", addresses(m.to));
        s.put("Cc", addresses(m.cc));
        s.put("Bcc", addresses(m.bcc));
        s.put("ReplyTo", addresses(m.replyTo));
        s.put("Subject", m.subject);
        s.put("Created", m.created.toString());
        s.put("Username", "");
        s.put("Tags", List.of());
        s.put("Size", m.size);
        s.put("Attachments", m.attachmentCount);
        s.put("Snippet", m.snippet);
        return s;
    }

    /**
     * Mailpit's {@code Message}, plus {@code Created} (API.md lists the summary fields on the detail
     * too; Mailpit's detail has {@code Date} only, which is here as well).
     */
    static Map<String, Object> message(StoredMessage m, ParsedMail parsed) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("ID", m.id);
        d.put("MessageID", m.messageId);
        d.put("From", address(m.from));
        d.put("To", addresses(m.to));
        d.put("Cc", addresses(m.cc));
        d.put("Bcc", addresses(m.bcc));
        d.put("ReplyTo", addresses(m.replyTo));
        d.put("ReturnPath", parsed.returnPath());
        d.put("Subject", m.subject);
        Map<String, Object> unsubscribe = new LinkedHashMap<>();
        unsubscribe.put("Header", "");
        unsubscribe.put("Links", List.of());
        unsubscribe.put("Errors", "");
        unsubscribe.put("HeaderPost", "");
        d.put("ListUnsubscribe", unsubscribe);
        d.put("Date", parsed.date().orElse(m.created).toString());
        d.put("Created", m.created.toString());
        d.put("Tags", List.of());
        d.put("Username", "");
        d.put("Text", parsed.text());
        d.put("HTML", parsed.html());
        d.put("Size", m.size);
        d.put("Inline", parts(parsed.inline()));
        d.put("Attachments", parts(parsed.attachments()));
        return d;
    }

    static Map<String, Object> error(String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("Error", message);
        return e;
    }

    private static List<Object> parts(List<PartInfo> infos) {
        List<Object> result = new ArrayList<>();
        for (PartInfo p : infos) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("PartID", p.partId());
            a.put("FileName", p.fileName());
            a.put("ContentType", p.contentType());
            a.put("ContentID", p.contentId());
            a.put("Size", p.size());
            a.put("Checksums", p.checksums());
            result.add(a);
        }
        return result;
    }

    private static Map<String, Object> address(MailAddress a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", a.name());
        m.put("Address", a.address());
        return m;
    }

    private static List<Object> addresses(List<MailAddress> list) {
        List<Object> result = new ArrayList<>();
        for (MailAddress a : list) {
            result.add(address(a));
        }
        return result;
    }
}
