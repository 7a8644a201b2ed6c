package io.innoleap.servicekit.scheduling;

import io.micronaut.context.BeanContext;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.processor.ScheduledMethodProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops the {@code @Scheduled} jobs as soon as the service begins to stop, before any bean is
 * destroyed. Micronaut looks a job's bean up on every run, and by default cancels the runs only
 * when it destroys its scheduler, late in the shutdown: a run that starts after the job's bean was
 * destroyed creates the bean again, outside the shutdown, with nobody left to stop it. The outbox
 * relay's sweep did exactly that: the new relay took the publishing lease again and held it until
 * the lease ran out, so the next publisher waited up to 10 s (or it ran passes against a closed
 * connection pool). So on {@link ShutdownEvent}, which the context publishes before it destroys
 * anything, the jobs' future runs are cancelled and the runs under way are awaited, before any
 * other listener of that event runs.
 */
@Singleton
public class StopScheduledJobsFirst implements ApplicationEventListener<ShutdownEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(StopScheduledJobsFirst.class);
    /** How long a run under way may take to finish before the shutdown goes on without it. */
    static final Duration RUNNING_JOBS_WAIT = Duration.ofSeconds(15);

    private final BeanContext context;

    public StopScheduledJobsFirst(BeanContext context) {
        this.context = context;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        context.findBean(ScheduledMethodProcessor.class).ifPresent(ScheduledMethodProcessor::close);
        context.findBean(ExecutorService.class, Qualifiers.byName(TaskExecutors.SCHEDULED)).ifPresent(scheduler -> {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(RUNNING_JOBS_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("A scheduled job still runs {} after the shutdown began; stopping the service anyway",
                            RUNNING_JOBS_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
