package io.innoleap.servicekit.themes;

import io.innoleap.contracts.themes.Theme;
import io.innoleap.contracts.themes.ThemeCatalogue;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** {@code GET /api/themes}: the closed catalogue, served by the intake services (API.md "Themes"). */
@Controller("/api/themes")
@Secured(SecurityRule.IS_ANONYMOUS) // the catalogue is public
@Requires(property = "innoleap.api.themes.enabled", value = "true")
@Tag(name = "Themes")
public class ThemesController {

    @Serdeable
    public record ThemeList(List<Theme> items, int page, int size, long totalItems) {
    }

    @Get
    @Operation(summary = "The theme catalogue: slugs, names, descriptions and accepted synonyms")
    public ThemeList list() {
        List<Theme> themes = ThemeCatalogue.standard().themes();
        return new ThemeList(themes, 0, themes.size(), themes.size());
    }
}
