package io.innoleap.matcher.events;

import io.innoleap.contracts.events.MatchSnapshot;
import io.innoleap.contracts.topics.Topics;
import io.innoleap.servicekit.outbox.Outbox;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;

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

    /** One event per change, in order, written with one batch insert. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void publishAll(List<Outbox.Pending<MatchSnapshot>> events) {
        outbox.appendAll(Topics.MATCHES, events);
    }

    public static Outbox.Pending<MatchSnapshot> event(String eventType, MatchSnapshot snapshot) {
        return new Outbox.Pending<>(snapshot.key(), eventType, snapshot);
    }
}
