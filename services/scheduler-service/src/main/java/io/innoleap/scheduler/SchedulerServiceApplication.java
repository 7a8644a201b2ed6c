package io.innoleap.scheduler;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "InnoLeap scheduler-service", version = "1",
        description = "Thematic workshops, sharing days and clinics. Every /api call needs a bearer access token from the "
                + "programme's OpenID Connect provider; the clinic confirmation pages (/clinics/confirmations/{token}) "
                + "need none: the link's token is the credential. Errors are RFC 9457 problem details."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class SchedulerServiceApplication {
    public static void main(String[] args) {
        Micronaut.run(SchedulerServiceApplication.class, args);
    }
}
