package io.innoleap.scheduler.clinics.api;

import io.innoleap.scheduler.clinics.ClinicConfirmations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;

/**
 * The link in the coordinator's email. GET and HEAD only show the page (mail scanners prefetch
 * links); the page's buttons POST {@code decision=CONFIRM|DECLINE}. Every answer is no-store and
 * no-referrer, so the token stays out of caches and out of Referer headers. Nothing here logs the
 * path: it holds the token. Open without an access token: the link's token is the credential (a
 * bearer token, if a browser sends one, changes nothing).
 */
@Controller("/clinics/confirmations")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Clinic confirmation (HTML)")
public class ConfirmationController {

    static final String HTML_UTF8 = "text/html; charset=UTF-8";

    private final ClinicConfirmations confirmations;

    public ConfirmationController(ClinicConfirmations confirmations) {
        this.confirmations = confirmations;
    }

    @Get(uri = "/{token}", produces = HTML_UTF8)
    @Operation(summary = "The confirmation page: the clinic and Confirm / Decline buttons. GET and HEAD change nothing.")
    @ApiResponse(responseCode = "200", description = "The form")
    @ApiResponse(responseCode = "404", description = "Unknown or forged link (an HTML page)")
    @ApiResponse(responseCode = "410", description = "Link already used or expired (an HTML page)")
    public HttpResponse<String> show(@PathVariable String token) {
        // @Get also answers HEAD (headRoute = true): same status and headers, no body.
        return page(confirmations.show(token));
    }

    @Post(uri = "/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = HTML_UTF8)
    @Operation(summary = "Answer the request: form field decision=CONFIRM or DECLINE; a link can be answered once")
    @ApiResponse(responseCode = "200", description = "Confirmed or declined (an HTML page)")
    @ApiResponse(responseCode = "400", description = "decision is not CONFIRM or DECLINE")
    @ApiResponse(responseCode = "404", description = "Unknown or forged link")
    @ApiResponse(responseCode = "410", description = "Link already used or expired; nothing changed")
    public HttpResponse<String> decide(@PathVariable String token, @Body @Nullable Map<String, Object> form) {
        Object decision = form == null ? null : form.get("decision");
        if (decision instanceof Iterable<?> values) {
            // Repeated field: only an unambiguous single value counts.
            java.util.Iterator<?> it = values.iterator();
            Object first = it.hasNext() ? it.next() : null;
            decision = it.hasNext() ? null : first;
        }
        return page(confirmations.decide(token, decision == null ? null : decision.toString()));
    }

    private static HttpResponse<String> page(PageContent page) {
        return HttpResponse.<String>status(HttpStatus.valueOf(page.status()))
                .contentType(HTML_UTF8)
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .body(page.html());
    }
}
