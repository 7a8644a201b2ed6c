package io.innoleap.localstack.mail;

import io.innoleap.localstack.mail.MailpitJson.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/** The pages for a person: the list ({@code /}), one message ({@code /view/{ID}}), "Delete all", and the 404s. */
@Controller
class WebPageController {

    private static final MediaType HTML = MediaType.of("text/html; charset=utf-8");
    private static final int DEFAULT_LIMIT = 100;

    private final Mailbox mailbox;

    WebPageController(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Get(uris = {"/", "/index.html"})
    HttpResponse<String> list(@QueryValue @Nullable String start, @QueryValue @Nullable String limit) {
        Paging paging = Paging.of(start, limit, DEFAULT_LIMIT);
        return page(HttpStatus.OK, WebPages.listPage(mailbox.list(paging.start(), paging.limit()), paging.start(),
                paging.limit(), mailbox.total()));
    }

    @Get("/view/{id}")
    HttpResponse<String> view(String id) throws IOException {
        Optional<StoredMessage> found = mailbox.get(id);
        if (found.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, WebPages.notFoundPage());
        }
        StoredMessage m = found.get();
        ParsedMail parsed = ParsedMail.parse(mailbox.raw(m));
        m.read = true;
        return page(HttpStatus.OK, WebPages.messagePage(m, parsed));
    }

    /** The "Delete all" button's form; back to the (empty) list. */
    @Post("/clear")
    @Consumes(MediaType.ALL)
    HttpResponse<?> clear() throws IOException {
        mailbox.deleteAll();
        return HttpResponse.seeOther(URI.create("/"));
    }

    /** No route: JSON under /api (as scripts expect), a page for everything else. */
    @Error(status = HttpStatus.NOT_FOUND, global = true)
    HttpResponse<?> notFound(HttpRequest<?> request) {
        if (request.getPath().startsWith("/api/")) {
            return HttpResponse.notFound(new ApiError("no such API endpoint: " + request.getPath()));
        }
        return page(HttpStatus.NOT_FOUND, WebPages.notFoundPage());
    }

    @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
    HttpResponse<ApiError> methodNotAllowed() {
        return HttpResponse.<ApiError>status(HttpStatus.METHOD_NOT_ALLOWED).body(new ApiError("method not allowed"));
    }

    private static HttpResponse<String> page(HttpStatus status, String html) {
        return HttpResponse.<String>status(status).contentType(HTML).body(html);
    }
}
