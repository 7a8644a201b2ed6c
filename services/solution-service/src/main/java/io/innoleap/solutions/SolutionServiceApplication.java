package io.innoleap.solutions;

import io.innoleap.servicekit.themes.ThemesController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "InnoLeap solution-service", version = "1",
        description = "Solution providers' profiles (research institutes, institutes of higher learning, companies). "
                + "Errors are RFC 9457 problem details."))
// GET /api/themes is served by servicekit's controller; document it here too.
@OpenAPIInclude(classes = ThemesController.class)
public class SolutionServiceApplication {
    public static void main(String[] args) {
        Micronaut.run(SolutionServiceApplication.class, args);
    }
}
