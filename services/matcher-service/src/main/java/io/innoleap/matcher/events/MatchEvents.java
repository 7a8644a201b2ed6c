package io.innoleap.matcher.events;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.servicekit.outbox.Outbox;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Publishes match changes on {@code innoleap.matches} (key {@code problemId:profileId}) through the
 * outbox, in the caller's transaction: the matches table and its events commit together.
 */
@Singleton
public class MatchEvents {

    private final Outbox outbox;

    public MatchEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void publish(String eventType, MatchSnapshot snapshot) {
        outbox.append(Topics.MATCHES, snapshot.key(), eventType, snapshot);
    }
}
