package io.innoleap.localstack.mail;

import io.innoleap.localstack.mail.ParsedMail.MailAddress;
import io.innoleap.localstack.mail.ParsedMail.PartInfo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages a person reads: server-rendered HTML without any script. A message's HTML body is
 * shown in an iframe with {@code srcdoc} and an empty-ish {@code sandbox} (no scripts, no same
 * origin, no forms), and the page's Content-Security-Policy, which the srcdoc document inherits,
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
        StringBuilder rows = new StringBuilder();
        for (StoredMessage m : page) {
            String link = "/view/" + esc(m.id);
            rows.append("<tr").append(m.read ? "" : " class=\"unread\"").append(">")
                    .append("<td>").append(esc(addressLine(List.of(m.from)))).append("</td>")
                    .append("<td>").append(esc(addressLine(m.to))).append("</td>")
                    .append("<td><a href=\"").append(link).append("\">")
                    .append(m.subject.isBlank() ? "(no subject)" : esc(m.subject)).append("</a>")
                    .append(m.attachmentCount > 0 ? " <span class=\"muted\" title=\"attachments\">&#128206;"
                            + m.attachmentCount + "</span>" : "")
                    .append("</td>")
                    .append("<td class=\"time\">").append(time(m.created)).append("</td></tr>\n");
        }
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"muted\">").append(total).append(total == 1 ? " message" : " messages")
                .append(" (newest first). The page refreshes every 10 seconds.</p>\n");
        if (total == 0) {
            body.append("<section><p>No mail yet. Send SMTP to this catcher and it shows up here.</p></section>");
        } else {
            body.append("<table><thead><tr><th>From</th><th>To</th><th>Subject</th><th>Received</th></tr></thead><tbody>\n")
                    .append(rows).append("</tbody></table>\n");
            body.append("<p>");
            if (start > 0) {
                body.append("<a href=\"/?start=").append(Math.max(0, start - limit)).append("&amp;limit=")
                        .append(limit).append("\">&larr; newer</a> ");
            }
            if (start + page.size() < total) {
                body.append("<a href=\"/?start=").append(start + limit).append("&amp;limit=").append(limit)
                        .append("\">older &rarr;</a>");
            }
            body.append("</p>");
        }
        return layout("Mail", "<meta http-equiv=\"refresh\" content=\"10\">", body.toString(), total > 0);
    }

    static String messagePage(StoredMessage m, ParsedMail parsed) {
        String id = esc(m.id);
        StringBuilder body = new StringBuilder();
        body.append("<p><a href=\"/\">&larr; all messages</a></p>\n");
        body.append("<section><table class=\"meta\">")
                .append(metaRow("Subject", m.subject.isBlank() ? "(no subject)" : m.subject))
                .append(metaRow("From", addressLine(List.of(m.from))))
                .append(metaRow("To", addressLine(m.to)));
        if (!m.cc.isEmpty()) {
            body.append(metaRow("Cc", addressLine(m.cc)));
        }
        if (!m.replyTo.isEmpty()) {
            body.append(metaRow("Reply-To", addressLine(m.replyTo)));
        }
        body.append(metaRow("Received", time(m.created)))
                .append("</table></section>\n");

        if (!parsed.html().isEmpty()) {
            // The body is untrusted: no allow-scripts, no allow-same-origin. Links open in a new tab,
            // outside the sandbox, so a person can follow a confirmation link.
            String doc = "<!DOCTYPE html><base target=\"_blank\"><meta name=\"referrer\" content=\"no-referrer\">"
                    + parsed.html();
            body.append("<section><h2>HTML</h2><iframe title=\"HTML body\" referrerpolicy=\"no-referrer\" ")
                    .append("sandbox=\"allow-popups allow-popups-to-escape-sandbox\" srcdoc=\"")
                    .append(esc(doc)).append("\"></iframe></section>\n");
        }
        body.append("<section><h2>Text</h2><pre>").append(linkify(parsed.text())).append("</pre></section>\n");

        List<PartInfo> parts = new java.util.ArrayList<>(parsed.attachments());
        parts.addAll(parsed.inline());
        if (!parts.isEmpty()) {
            body.append("<section><h2>Attachments</h2><ul>");
            for (PartInfo p : parts) {
                String label = p.fileName().isEmpty() ? "part " + p.partId() : p.fileName();
                body.append("<li><a download href=\"/api/v1/message/").append(id).append("/part/")
                        .append(esc(p.partId())).append("\">").append(esc(label)).append("</a> <span class=\"muted\">")
                        .append(esc(p.contentType())).append(", ").append(size(p.size())).append("</span></li>");
            }
            body.append("</ul></section>\n");
        }
        body.append("<p class=\"muted\"><a href=\"/api/v1/message/").append(id).append("/raw\">source</a> &middot; ")
                .append("<a href=\"/api/v1/message/").append(id).append("\">JSON</a></p>");
        return layout(m.subject.isBlank() ? "Message" : m.subject, "", body.toString(), false);
    }

    static String notFoundPage() {
        return layout("Not found", "", "<p>No such message or page. <a href=\"/\">All messages</a></p>", false);
    }

    private static String layout(String title, String extraHead, String body, boolean clearButton) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " - InnoLeap mail catcher</title>" + extraHead
                + "<style>" + STYLE + "</style></head>\n<body><header><a href=\"/\">InnoLeap mail catcher</a>"
                + (clearButton ? "<form method=\"post\" action=\"/clear\"><button type=\"submit\">Delete all</button></form>" : "")
                + "</header>\n<main>\n" + body + "\n</main></body></html>\n";
    }

    private static String metaRow(String name, String value) {
        return "<tr><th>" + esc(name) + "</th><td>" + esc(value) + "</td></tr>";
    }

    static String addressLine(List<MailAddress> addresses) {
        return addresses.stream()
                .filter(a -> !a.address().isEmpty() || !a.name().isEmpty())
                .map(a -> a.name().isEmpty() ? a.address() : a.name() + " <" + a.address() + ">")
                .collect(Collectors.joining(", "));
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    /** Escapes text for HTML content and double- or single-quoted attributes. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escaped text with http(s) URLs turned into links that open in a new tab. */
    static String linkify(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = URL.matcher(text);
        int last = 0;
        while (m.find()) {
            String url = m.group();
            int end = m.end();
            // Sentence punctuation after a URL is not part of it.
            while (!url.isEmpty() && ".,;:!?)]}".indexOf(url.charAt(url.length() - 1)) >= 0) {
                url = url.substring(0, url.length() - 1);
                end--;
            }
            out.append(esc(text.substring(last, m.start())));
            out.append("<a href=\"").append(esc(url)).append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                    .append(esc(url)).append("</a>");
            last = end;
        }
        out.append(esc(text.substring(last)));
        return out.toString();
    }
}
