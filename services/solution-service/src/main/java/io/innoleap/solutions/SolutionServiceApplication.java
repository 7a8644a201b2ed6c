package io.innoleap.solutions;

import io.innoleap.servicekit.themes.ThemesController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "InnoLeap solution-service", version = "1",
        description = "Solution providers' profiles (research institutes, institutes of higher learning, companies). "
                + "Every /api call but GET /api/themes needs a bearer access token from the programme's OpenID Connect "
                + "provider. Errors are RFC 9457 problem details."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
// GET /api/themes is served by servicekit's controller; document it here too.
@OpenAPIInclude(classes = ThemesController.class)
public class SolutionServiceApplication {
    public static void main(String[] args) {
        Micronaut.run(SolutionServiceApplication.class, args);
    }
}
