package io.innoleap.localstack.mail;

import io.innoleap.localstack.mail.MailpitJson.ApiError;
import io.innoleap.localstack.mail.MailpitJson.DeleteRequest;
import io.innoleap.localstack.mail.MailpitJson.ListUnsubscribe;
import io.innoleap.localstack.mail.MailpitJson.Message;
import io.innoleap.localstack.mail.MailpitJson.MessagesPage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Mailpit's API v1 subset under {@code /api/v1}, and Mailpit's health checks {@code /livez} and {@code /readyz}. */
@Controller
class MailpitApiController {

    /** Served from our own origin, these could run script there: download them instead (as Mailpit does). */
    private static final List<String> ACTIVE_TYPES = List.of("text/html", "text/xml", "application/xhtml+xml",
            "image/svg+xml", "application/xml", "text/xsl");
    private static final int DEFAULT_LIMIT = 50;

    private final Mailbox mailbox;

    MailpitApiController(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Get("/api/v1/messages")
    MessagesPage messages(@QueryValue @Nullable String start, @QueryValue @Nullable String limit) {
        Paging paging = Paging.of(start, limit, DEFAULT_LIMIT);
        return MessagesPage.of(mailbox.list(paging.start(), paging.limit()).stream().map(StoredMessage::summary).toList(),
                paging.start(), mailbox.total(), mailbox.unread());
    }

    /** Mailpit: {@code {"IDs":[...]}} deletes those; no body (or no IDs) deletes everything. */
    @Delete("/api/v1/messages")
    @Consumes(MediaType.ALL)
    @Produces(MediaType.TEXT_PLAIN)
    String delete(@Body @Nullable DeleteRequest request) throws IOException {
        if (request == null || request.ids() == null || request.ids().isEmpty()) {
            mailbox.deleteAll();
        } else {
            mailbox.delete(request.ids());
        }
        return "ok";
    }

    /** A message by ID, or the newest for {@code latest}; reading it marks it read, as in Mailpit. */
    @Get("/api/v1/message/{id}")
    HttpResponse<?> message(String id) throws IOException {
        Optional<StoredMessage> found = mailbox.get(id);
        if (found.isEmpty()) {
            return notFound(id);
        }
        StoredMessage m = found.get();
        ParsedMail parsed = ParsedMail.parse(mailbox.raw(m));
        m.read = true;
        return HttpResponse.ok(new Message(m.id, m.messageId, m.from, m.to, m.cc, m.bcc, m.replyTo, parsed.returnPath(),
                m.subject, ListUnsubscribe.NONE, parsed.date().orElse(m.created), m.created, List.of(), "",
                parsed.text(), parsed.html(), m.size, parsed.inline(), parsed.attachments()));
    }

    /** The attachment's bytes, with its own content type (for an invitation {@code text/calendar; method=REQUEST}). */
    @Get("/api/v1/message/{id}/part/{partId}")
    HttpResponse<?> part(String id, String partId) throws IOException {
        Optional<StoredMessage> found = mailbox.get(id);
        if (found.isEmpty()) {
            return notFound(id);
        }
        Optional<ParsedMail.PartContent> part = ParsedMail.parse(mailbox.raw(found.get())).part(partId);
        if (part.isEmpty()) {
            return HttpResponse.notFound(new ApiError("message " + id + " has no part " + partId));
        }
        MailpitJson.Attachment info = part.get().info();
        String contentType = part.get().contentTypeHeader();
        String disposition = "inline";
        if (contentType == null || ACTIVE_TYPES.contains(info.contentType())) {
            contentType = MediaType.APPLICATION_OCTET_STREAM;
            disposition = "attachment";
        }
        String fileName = info.fileName().isEmpty() ? "part-" + info.partId() : info.fileName();
        return HttpResponse.ok(part.get().bytes()).contentType(contentType)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition + "; filename=\""
                        + fileName.replaceAll("[\"\\\\\\r\\n]", "_") + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The message source, as received. */
    @Get("/api/v1/message/{id}/raw")
    HttpResponse<?> raw(String id) throws IOException {
        Optional<StoredMessage> found = mailbox.get(id);
        if (found.isEmpty()) {
            return notFound(id);
        }
        return HttpResponse.ok(mailbox.raw(found.get())).contentType("text/plain; charset=utf-8");
    }

    @Get(uris = {"/livez", "/readyz"}, produces = MediaType.TEXT_PLAIN)
    String alive() {
        return "ok";
    }

    private static HttpResponse<ApiError> notFound(String id) {
        return HttpResponse.notFound(new ApiError("message not found: " + id));
    }
}
