package io.innoleap.problems;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "InnoLeap problem-service", version = "1",
        description = "Public agencies' problem statements. Errors are RFC 9457 problem details."))
public class ProblemServiceApplication {
    public static void main(String[] args) {
        Micronaut.run(ProblemServiceApplication.class, args);
    }
}
