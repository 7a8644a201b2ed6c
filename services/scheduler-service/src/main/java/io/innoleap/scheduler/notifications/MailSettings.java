package io.innoleap.scheduler.notifications;

import io.innoleap.contracts.events.Contact;
import java.net.URI;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * What the renderers need from configuration. {@code publicBaseUrl} is the externally visible
 * root of the scheduler (e.g. {@code https://match.innoleap.sg}); links are built from it and never
 * from a request's Host header, which an attacker can set. It must be absolute http(s) with a host
 * and no query, fragment or user info; a trailing slash is dropped. {@code organizer} is the
 * programme office (ORGANIZER of workshop invitations).
 */
public record MailSettings(String publicBaseUrl, ZoneId zone, String programmeName, Contact organizer) {
    public MailSettings {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(organizer, "organizer");
        programmeName = programmeName == null || programmeName.isBlank() ? "InnoLeap" : programmeName.strip();
        URI uri;
        try {
            uri = new URI(publicBaseUrl.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("publicBaseUrl is not a URL: " + publicBaseUrl, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("publicBaseUrl must be an absolute http(s) URL without query, fragment or user info: " + publicBaseUrl);
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        publicBaseUrl = s;
    }

    /** Host of the public base URL; used as the domain part of calendar UIDs so they are globally unique. */
    public String uidDomain() {
        return URI.create(publicBaseUrl).getHost().toLowerCase(Locale.ROOT);
    }
}
