package io.innoleap.contracts;

import io.innoleap.contracts.events.EventEnvelope;
import io.innoleap.contracts.events.ProblemStatementSnapshot;
import io.innoleap.contracts.topics.Topics;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void registryMatchesTheContract() {
        assertThat(Topics.all()).extracting(t -> t.name()).containsExactly(
                "innoleap.problem-statements", "innoleap.solution-profiles", "innoleap.matches", "innoleap.bookings",
                "innoleap.match-feedback");
        assertThat(Topics.PROBLEM_STATEMENTS.compacted()).isTrue();
        assertThat(Topics.SOLUTION_PROFILES.compacted()).isTrue();
        assertThat(Topics.MATCHES.compacted()).isTrue();
        assertThat(Topics.BOOKINGS.compacted()).isFalse();
        assertThat(Topics.MATCH_FEEDBACK.compacted()).isFalse();
        assertThat(Topics.producedBy("matcher-service")).containsExactly(Topics.MATCHES, Topics.MATCH_FEEDBACK);
        assertThat(Topics.MATCH_FEEDBACK.carries("MatchFeedbackGiven")).isTrue();
        assertThat(Topics.PROBLEM_STATEMENTS.deadLetterTopic()).isEqualTo("innoleap.problem-statements.dlq");
        assertThat(Topics.producedBy("problem-service")).containsExactly(Topics.PROBLEM_STATEMENTS);
        assertThat(Topics.PROBLEM_STATEMENTS.carries(ProblemStatementSnapshot.CLOSED)).isTrue();
        assertThat(Topics.PROBLEM_STATEMENTS.carries("SolutionProfileWithdrawn")).isFalse();
    }

    @Test
    void envelopeCarriesSchemaVersionAndUniqueIds() {
        EventEnvelope<String> a = EventEnvelope.of("T", Instant.now(), "x");
        EventEnvelope<String> b = EventEnvelope.of("T", Instant.now(), "x");
        assertThat(a.schemaVersion()).isEqualTo(1);
        assertThat(a.eventId()).isNotEqualTo(b.eventId());
        assertThatThrownBy(() -> new EventEnvelope<>(null, "T", Instant.now(), 1, "x")).isInstanceOf(NullPointerException.class);
    }
}
