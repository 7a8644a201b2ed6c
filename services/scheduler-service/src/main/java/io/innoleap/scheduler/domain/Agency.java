package io.innoleap.scheduler.domain;

import java.util.Objects;

/** A public agency as carried on problem statements; {@code code} identifies it (e.g. LTA). */
public record Agency(String code, String name, String domain) {
    public Agency {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
