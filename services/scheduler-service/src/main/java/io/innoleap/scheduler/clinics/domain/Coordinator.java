package io.innoleap.scheduler.clinics.domain;

import io.innoleap.contracts.events.Contact;

import java.util.Locale;

/** A clinic coordinator; identified by email (case-insensitive) for the no-overlap rule. */
public record Coordinator(String name, String email) {

    public String identity() {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public Contact asContact() {
        return new Contact(name, email);
    }
}
