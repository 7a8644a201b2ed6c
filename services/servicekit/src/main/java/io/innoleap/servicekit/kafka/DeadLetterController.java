package io.innoleap.servicekit.kafka;

import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;

/** The programme office's view of this service's dead letters, and their replay after a fix. */
@Controller("/api/admin/dead-letters")
@Requires(beans = DeadLetterReplay.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.PROGRAMME_OFFICE)
@Tag(name = "Operations")
public class DeadLetterController {

    private final DeadLetterReplay replay;

    public DeadLetterController(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @Serdeable
    public record Counts(Map<String, Long> records) {
    }

    @Serdeable
    public record Replayed(String topic, int replayed) {
    }

    @Get
    @Operation(summary = "Records on the dead-letter topic of each topic this service consumes")
    public Counts counts() {
        return new Counts(replay.counts());
    }

    @Post("/{topic}/replay")
    @Operation(summary = "Send the dead letters of a consumed topic this service has not replayed yet back to that topic")
    public Replayed replay(@PathVariable String topic) {
        if (!replay.topics().contains(topic)) {
            throw ApiException.badRequest("topic", "must be one of " + replay.topics());
        }
        return new Replayed(topic, replay.replay(topic));
    }
}
