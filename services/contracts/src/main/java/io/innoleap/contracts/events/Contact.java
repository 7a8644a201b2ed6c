package io.innoleap.contracts.events;

import io.micronaut.serde.annotation.Serdeable;

/** A named person to write to. */
@Serdeable
public record Contact(String name, String email) {
}
