package io.innoleap.contracts.events;

import io.micronaut.serde.annotation.Serdeable;

/** The organisation behind a solution profile; {@code uen} (business registration number) is optional. */
@Serdeable
public record Organisation(String name, OrganisationType type, String uen) {
}
