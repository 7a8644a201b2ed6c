package io.innoleap.matcher.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One named fact about the stored matches (e.g. the ranking configuration they come from). */
@MappedEntity("matcher_state")
public record MatcherStateRow(@Id String name, String value, Instant updatedAt) {
}
