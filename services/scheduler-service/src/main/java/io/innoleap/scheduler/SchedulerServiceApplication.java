package io.innoleap.scheduler;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "InnoLeap scheduler-service", version = "1",
        description = "Thematic workshops, sharing days and clinics. Errors are RFC 9457 problem details."))
public class SchedulerServiceApplication {
    public static void main(String[] args) {
        Micronaut.run(SchedulerServiceApplication.class, args);
    }
}
