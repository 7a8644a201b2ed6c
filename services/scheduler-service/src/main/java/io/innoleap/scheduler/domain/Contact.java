package io.innoleap.scheduler.domain;

import java.util.Objects;

/** A person to email: agency contact, provider contact or the programme's organiser. */
public record Contact(String name, String email) {
    public Contact {
        Objects.requireNonNull(email, "email");
        name = name == null || name.isBlank() ? email : name;
    }
}
