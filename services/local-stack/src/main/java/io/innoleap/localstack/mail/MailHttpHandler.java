package io.innoleap.localstack.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes the catcher's HTTP port: Mailpit's API v1 subset under {@code /api/v1}, Mailpit's
 * {@code /livez} and {@code /readyz}, and the pages for a person ({@code /}, {@code /view/{ID}}).
 */
final class MailHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MailHttpHandler.class);
    private static final Pattern MESSAGE = Pattern.compile("/api/v1/message/([^/]+)");
    private static final Pattern PART = Pattern.compile("/api/v1/message/([^/]+)/part/([^/]+)");
    private static final Pattern RAW = Pattern.compile("/api/v1/message/([^/]+)/raw");
    private static final Pattern VIEW = Pattern.compile("/view/([^/]+)");
    /** Served from our own origin, these could run script there: download them instead (as Mailpit does). */
    private static final List<String> ACTIVE_TYPES = List.of("text/html", "text/xml", "application/xhtml+xml",
            "image/svg+xml", "application/xml", "text/xsl");
    private static final int DEFAULT_LIMIT = 50;

    private final Mailbox mailbox;
    private final ObjectMapper json = new ObjectMapper();

    MailHttpHandler(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            route(ex);
        } catch (Exception e) {
            LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            try {
                sendJson(ex, 500, MailpitJson.error("internal error: " + e));
            } catch (IOException | RuntimeException ignored) {
                // headers already sent: nothing more to tell the client
            }
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws Exception {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getRawPath();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        Matcher part = PART.matcher(path);
        Matcher raw = RAW.matcher(path);
        Matcher message = MESSAGE.matcher(path);
        Matcher view = VIEW.matcher(path);

        if (path.equals("/api/v1/messages")) {
            switch (method) {
                case "GET", "HEAD" -> listMessages(ex, query);
                case "DELETE" -> deleteMessages(ex);
                default -> methodNotAllowed(ex, "GET, DELETE");
            }
        } else if (part.matches()) {
            requireGet(ex, () -> downloadPart(ex, decode(part.group(1)), decode(part.group(2))));
        } else if (raw.matches()) {
            requireGet(ex, () -> raw(ex, decode(raw.group(1))));
        } else if (message.matches()) {
            requireGet(ex, () -> message(ex, decode(message.group(1))));
        } else if (path.equals("/livez") || path.equals("/readyz")) {
            send(ex, 200, "text/plain; charset=utf-8", "ok".getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/api/")) {
            sendJson(ex, 404, MailpitJson.error("no such API endpoint: " + path));
        } else if (path.equals("/") || path.equals("/index.html")) {
            requireGet(ex, () -> listPage(ex, query));
        } else if (view.matches()) {
            requireGet(ex, () -> viewPage(ex, decode(view.group(1))));
        } else if (path.equals("/clear") && method.equals("POST")) {
            mailbox.deleteAll();
            ex.getResponseHeaders().set("Location", "/");
            send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
        } else {
            sendHtml(ex, 404, WebPages.notFoundPage());
        }
    }

    private void listMessages(HttpExchange ex, Map<String, String> query) throws IOException {
        int start = nonNegative(query.get("start"), 0);
        int limit = positive(query.get("limit"), DEFAULT_LIMIT);
        sendJson(ex, 200, MailpitJson.messagesPage(mailbox.list(start, limit), start, mailbox.total(), mailbox.unread()));
    }

    private void deleteMessages(HttpExchange ex) throws IOException {
        // Mailpit: {"IDs":[...]} deletes those; no body (or no IDs) deletes everything.
        byte[] body = ex.getRequestBody().readAllBytes();
        List<String> ids = new ArrayList<>();
        if (body.length > 0) {
            try {
                JsonNode node = json.readTree(body);
                if (node != null && node.get("IDs") != null && node.get("IDs").isArray()) {
                    node.get("IDs").forEach(id -> ids.add(id.asText()));
                }
            } catch (IOException e) {
                sendJson(ex, 400, MailpitJson.error("invalid JSON body: " + e.getMessage()));
                return;
            }
        }
        if (ids.isEmpty()) {
            mailbox.deleteAll();
        } else {
            mailbox.delete(ids);
        }
        send(ex, 200, "text/plain; charset=utf-8", "ok".getBytes(StandardCharsets.UTF_8));
    }

    private void message(HttpExchange ex, String id) throws Exception {
        Optional<StoredMessage> found = mailbox.get(id);
        if (found.isEmpty()) {
            notFound(ex, id);
            return;
        }
        StoredMessage m = found.get();
        ParsedMail parsed = ParsedMail.parse(mailbox.raw(m));
        m.read = true; // as Mailpit: fetching a message marks it read
        sendJson(ex, 200, MailpitJson.message(m, parsed));
    }

    private void downloadPart(HttpExchange ex, String id, String partId) throws Exception {
        Optional<StoredMessage> found = mailbox.get(id);
        if (found.isEmpty()) {
            notFound(ex, id);
            return;
        }
        Optional<ParsedMail.PartContent> part = ParsedMail.parse(mailbox.raw(found.get())).part(partId);
        if (part.isEmpty()) {
            sendJson(ex, 404, MailpitJson.error("message " + id + " has no part " + partId));
            return;
        }
        ParsedMail.PartInfo info = part.get().info();
        String contentType = part.get().contentTypeHeader();
        String disposition = "inline";
        if (contentType == null || ACTIVE_TYPES.contains(info.contentType())) {
            contentType = "application/octet-stream";
            disposition = "attachment";
        }
        String fileName = info.fileName().isEmpty() ? "part-" + info.partId() : info.fileName();
        ex.getResponseHeaders().set("Content-Disposition", disposition + "; filename=\""
                + fileName.replaceAll("[\"\\\\\\r\\n]", "_") + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
        send(ex, 200, contentType.replaceAll("[\\r\\n]+\\s*", " "), part.get().bytes());
    }

    private void raw(HttpExchange ex, String id) throws IOException {
        Optional<StoredMessage> found = mailbox.get(id);
        if (found.isEmpty()) {
            notFound(ex, id);
            return;
        }
        send(ex, 200, "text/plain; charset=utf-8", mailbox.raw(found.get()));
    }

    private void listPage(HttpExchange ex, Map<String, String> query) throws IOException {
        int start = nonNegative(query.get("start"), 0);
        int limit = positive(query.get("limit"), 100);
        sendHtml(ex, 200, WebPages.listPage(mailbox.list(start, limit), start, limit, mailbox.total()));
    }

    private void viewPage(HttpExchange ex, String id) throws Exception {
        Optional<StoredMessage> found = mailbox.get(id);
        if (found.isEmpty()) {
            sendHtml(ex, 404, WebPages.notFoundPage());
            return;
        }
        StoredMessage m = found.get();
        ParsedMail parsed = ParsedMail.parse(mailbox.raw(m));
        m.read = true;
        sendHtml(ex, 200, WebPages.messagePage(m, parsed));
    }

    private void notFound(HttpExchange ex, String id) throws IOException {
        sendJson(ex, 404, MailpitJson.error("message not found: " + id));
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void requireGet(HttpExchange ex, Action action) throws Exception {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        if (method.equals("GET") || method.equals("HEAD")) {
            action.run();
        } else {
            methodNotAllowed(ex, "GET");
        }
    }

    private static void methodNotAllowed(HttpExchange ex, String allowed) throws IOException {
        ex.getResponseHeaders().set("Allow", allowed);
        send(ex, 405, "application/json", ("{\"Error\":\"method not allowed\"}").getBytes(StandardCharsets.UTF_8));
    }

    private void sendJson(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json", json.writeValueAsBytes(body));
    }

    private static void sendHtml(HttpExchange ex, int status, String html) throws IOException {
        ex.getResponseHeaders().set("Content-Security-Policy", WebPages.CONTENT_SECURITY_POLICY);
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
        ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s; // a broken %-escape cannot name a message; let the lookup answer 404
        }
    }

    /** Mailpit ignores a start it cannot read, or one below zero. */
    private static int nonNegative(String value, int fallback) {
        try {
            int n = Integer.parseInt(value);
            return n >= 0 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Mailpit uses its default limit (50) for a missing, unreadable or non-positive limit. */
    private static int positive(String value, int fallback) {
        try {
            int n = Integer.parseInt(value);
            return n > 0 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
