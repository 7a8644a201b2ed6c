package io.innoleap.contracts.events;

import io.micronaut.serde.annotation.Serdeable;

/** A public agency as it appears on a problem statement; {@code domain} groups agencies (e.g. "transport"). */
@Serdeable
public record Agency(String code, String name, String domain) {
}
