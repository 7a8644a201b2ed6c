package io.innoleap.solutions;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "InnoLeap solution-service", version = "1",
        description = "Solution providers' profiles (research institutes, institutes of higher learning, companies). "
                + "Errors are RFC 9457 problem details."))
public class SolutionServiceApplication {
    public static void main(String[] args) {
        Micronaut.run(SolutionServiceApplication.class, args);
    }
}
