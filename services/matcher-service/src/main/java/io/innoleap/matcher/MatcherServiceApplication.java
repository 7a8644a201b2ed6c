package io.innoleap.matcher;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "InnoLeap matcher-service", version = "1",
        description = "Ranked, explained matches of open problem statements with active solution profiles, kept live "
                + "from Kafka. Errors are RFC 9457 problem details."))
public class MatcherServiceApplication {
    public static void main(String[] args) {
        Micronaut.run(MatcherServiceApplication.class, args);
    }
}
