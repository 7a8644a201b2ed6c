package io.innoleap.localstack.mail;

import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers on every answer: no content sniffing; and on pages, the Content-Security-Policy without
 * any {@code script-src} (the srcdoc frame of a message inherits it), no referrer, no caching.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecurityHeaders {

    @ResponseFilter
    void addTo(MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        if (response.getContentType().filter(type -> type.matches(MediaType.TEXT_HTML_TYPE)).isPresent()) {
            response.header("Content-Security-Policy", WebPages.CONTENT_SECURITY_POLICY);
            response.header("Referrer-Policy", "no-referrer");
            response.header("Cache-Control", "no-store");
        }
    }
}
