package io.innoleap.localstack.mail;

import io.innoleap.localstack.mail.MailpitJson.Address;
import io.innoleap.localstack.mail.MailpitJson.Attachment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages a person reads, built as jsoup documents, so every text and attribute value is escaped
 * on output, and without any script. A message's HTML body is shown in an iframe with {@code srcdoc}
 * and a {@code sandbox} that allows neither scripts nor same origin nor forms; the page's
 * Content-Security-Policy ({@link #CONTENT_SECURITY_POLICY}), which the srcdoc document inherits,
 * forbids scripts again. Links in the HTML open in a new tab; links in the text are made clickable.
 */
final class WebPages {

    /** Sent with every page; {@code script-src} is not allowed at all. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src * data:; "
            + "style-src 'unsafe-inline'; font-src * data:; frame-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'self'";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'`]+");

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
            header{background:#17324d;color:#fff;padding:10px 20px;display:flex;align-items:center;gap:16px}
            header a{color:#fff;text-decoration:none;font-weight:600}
            header form{margin-left:auto}
            main{padding:16px 20px;max-width:1200px}
            table{border-collapse:collapse;width:100%;background:#fff}
            th,td{text-align:left;padding:7px 10px;border-bottom:1px solid #e1e6ec;vertical-align:top}
            th{background:#eef2f6;font-weight:600}
            tr.unread td{font-weight:600}
            td.time{white-space:nowrap;color:#56616d}
            a{color:#0b5cad}
            .meta th{width:90px;background:#fff;color:#56616d}
            section{background:#fff;margin:14px 0;padding:12px 14px;border:1px solid #e1e6ec}
            h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#56616d;margin:0 0 8px}
            iframe{width:100%;height:60vh;border:1px solid #e1e6ec;resize:vertical;background:#fff}
            pre{white-space:pre-wrap;word-break:break-word;margin:0;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace}
            .muted{color:#56616d}
            button{cursor:pointer}
            """;

    private WebPages() {
    }

    static String listPage(List<StoredMessage> page, int start, int limit, int total) {
        Document doc = layout("Mail", total > 0);
        // No script on these pages, so the list keeps itself current the old way.
        doc.head().appendElement("meta").attr("http-equiv", "refresh").attr("content", "10");
        Element main = doc.selectFirst("main");
        main.appendElement("p").addClass("muted").text(total + (total == 1 ? " message" : " messages")
                + " (newest first). The page refreshes every 10 seconds.");
        if (total == 0) {
            main.appendElement("section").appendElement("p")
                    .text("No mail yet. Send SMTP to this catcher and it shows up here.");
            return html(doc);
        }
        Element table = main.appendElement("table");
        Element head = table.appendElement("thead").appendElement("tr");
        for (String column : List.of("From", "To", "Subject", "Received")) {
            head.appendElement("th").text(column);
        }
        Element body = table.appendElement("tbody");
        for (StoredMessage m : page) {
            Element row = body.appendElement("tr");
            if (!m.read) {
                row.addClass("unread");
            }
            row.appendElement("td").text(m.from.line());
            row.appendElement("td").text(addressLine(m.to));
            Element subject = row.appendElement("td");
            subject.appendElement("a").attr("href", "/view/" + m.id).text(orNoSubject(m.subject));
            if (m.attachmentCount > 0) {
                subject.appendText(" ").appendElement("span").addClass("muted").attr("title", "attachments")
                        .text("\uD83D\uDCCE" + m.attachmentCount);
            }
            row.appendElement("td").addClass("time").text(TIME.format(m.created));
        }
        Element paging = main.appendElement("p");
        if (start > 0) {
            paging.appendElement("a").attr("href", "/?start=" + Math.max(0, start - limit) + "&limit=" + limit)
                    .text("\u2190 newer");
            paging.appendText(" ");
        }
        if (start + page.size() < total) {
            paging.appendElement("a").attr("href", "/?start=" + (start + limit) + "&limit=" + limit).text("older \u2192");
        }
        return html(doc);
    }

    static String messagePage(StoredMessage m, ParsedMail parsed) {
        Document doc = layout(m.subject.isBlank() ? "Message" : m.subject, false);
        Element main = doc.selectFirst("main");
        main.appendElement("p").appendElement("a").attr("href", "/").text("\u2190 all messages");

        Element meta = main.appendElement("section").appendElement("table").addClass("meta");
        metaRow(meta, "Subject", orNoSubject(m.subject));
        metaRow(meta, "From", m.from.line());
        metaRow(meta, "To", addressLine(m.to));
        if (!m.cc.isEmpty()) {
            metaRow(meta, "Cc", addressLine(m.cc));
        }
        if (!m.replyTo.isEmpty()) {
            metaRow(meta, "Reply-To", addressLine(m.replyTo));
        }
        metaRow(meta, "Received", TIME.format(m.created));

        if (!parsed.html().isEmpty()) {
            // The body is untrusted: no allow-scripts, no allow-same-origin. Links open in a new tab,
            // outside the sandbox, so a person can follow a confirmation link.
            String srcdoc = "<!DOCTYPE html><base target=\"_blank\"><meta name=\"referrer\" content=\"no-referrer\">"
                    + parsed.html();
            Element section = main.appendElement("section");
            section.appendElement("h2").text("HTML");
            section.appendElement("iframe").attr("title", "HTML body").attr("referrerpolicy", "no-referrer")
                    .attr("sandbox", "allow-popups allow-popups-to-escape-sandbox").attr("srcdoc", srcdoc);
        }
        Element text = main.appendElement("section");
        text.appendElement("h2").text("Text");
        appendLinkified(text.appendElement("pre"), parsed.text());

        List<Attachment> parts = new ArrayList<>(parsed.attachments());
        parts.addAll(parsed.inline());
        if (!parts.isEmpty()) {
            Element section = main.appendElement("section");
            section.appendElement("h2").text("Attachments");
            Element list = section.appendElement("ul");
            for (Attachment p : parts) {
                Element item = list.appendElement("li");
                item.appendElement("a").attr("download", true).attr("href", "/api/v1/message/" + m.id + "/part/" + p.partId())
                        .text(p.fileName().isEmpty() ? "part " + p.partId() : p.fileName());
                item.appendText(" ").appendElement("span").addClass("muted").text(p.contentType() + ", " + size(p.size()));
            }
        }
        Element links = main.appendElement("p").addClass("muted");
        links.appendElement("a").attr("href", "/api/v1/message/" + m.id + "/raw").text("source");
        links.appendText(" \u00b7 ").appendElement("a").attr("href", "/api/v1/message/" + m.id).text("JSON");
        return html(doc);
    }

    static String notFoundPage() {
        Document doc = layout("Not found", false);
        Element p = doc.selectFirst("main").appendElement("p").appendText("No such message or page. ");
        p.appendElement("a").attr("href", "/").text("All messages");
        return html(doc);
    }

    /** "Name <address>, address, ..." */
    static String addressLine(List<Address> addresses) {
        return addresses.stream().filter(a -> !a.address().isEmpty() || !a.name().isEmpty()).map(Address::line)
                .collect(Collectors.joining(", "));
    }

    private static Document layout(String title, boolean clearButton) {
        Document doc = Document.createShell("");
        doc.outputSettings().prettyPrint(false);
        doc.prependChild(new DocumentType("html", "", ""));
        doc.selectFirst("html").attr("lang", "en");
        doc.head().appendElement("meta").attr("charset", "utf-8");
        doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        doc.head().appendElement("title").text(title + " - InnoLeap mail catcher");
        doc.head().appendElement("style").appendChild(new DataNode(STYLE));
        Element header = doc.body().appendElement("header");
        header.appendElement("a").attr("href", "/").text("InnoLeap mail catcher");
        if (clearButton) {
            header.appendElement("form").attr("method", "post").attr("action", "/clear")
                    .appendElement("button").attr("type", "submit").text("Delete all");
        }
        doc.body().appendElement("main");
        return doc;
    }

    private static void metaRow(Element table, String name, String value) {
        Element row = table.appendElement("tr");
        row.appendElement("th").text(name);
        row.appendElement("td").text(value);
    }

    /** The text, with http(s) URLs as links that open in a new tab. */
    private static void appendLinkified(Element pre, String text) {
        Matcher m = URL.matcher(text);
        int last = 0;
        while (m.find()) {
            String url = m.group();
            // Sentence punctuation after a URL is not part of it.
            while (".,;:!?)]}".indexOf(url.charAt(url.length() - 1)) >= 0) {
                url = url.substring(0, url.length() - 1);
            }
            pre.appendText(text.substring(last, m.start()));
            pre.appendElement("a").attr("href", url).attr("target", "_blank").attr("rel", "noopener noreferrer").text(url);
            last = m.start() + url.length();
        }
        pre.appendText(text.substring(last));
    }

    private static String orNoSubject(String subject) {
        return subject.isBlank() ? "(no subject)" : subject;
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    private static String html(Document doc) {
        return doc.outerHtml();
    }
}
