package io.innoleap.problems;

import io.innoleap.servicekit.themes.ThemesController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "InnoLeap problem-service", version = "1",
        description = "Public agencies' problem statements. Every /api call but GET /api/themes needs a bearer access token from the "
                + "programme's OpenID Connect provider. Errors are RFC 9457 problem details."))
// GET /api/themes is served by servicekit's controller; document it here too.
@OpenAPIInclude(classes = ThemesController.class)
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class ProblemServiceApplication {
    public static void main(String[] args) {
        Micronaut.run(ProblemServiceApplication.class, args);
    }
}
