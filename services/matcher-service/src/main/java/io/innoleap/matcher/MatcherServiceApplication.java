package io.innoleap.matcher;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "InnoLeap matcher-service", version = "1",
        description = "Ranked, explained matches of open problem statements with active solution profiles, kept live "
                + "from Kafka. Every /api call needs a bearer access token from the programme's OpenID Connect "
                + "provider. Errors are RFC 9457 problem details."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class MatcherServiceApplication {
    public static void main(String[] args) {
        Micronaut.run(MatcherServiceApplication.class, args);
    }
}
