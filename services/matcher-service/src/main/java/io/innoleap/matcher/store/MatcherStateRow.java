package io.innoleap.matcher.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** One named fact about the stored matches (e.g. the ranking configuration they come from). */
@MappedEntity("matcher_state")
public record MatcherStateRow(@Id @MappedProperty("state_key") String name,
                              @MappedProperty("state_value") String value, Instant updatedAt) {
}
