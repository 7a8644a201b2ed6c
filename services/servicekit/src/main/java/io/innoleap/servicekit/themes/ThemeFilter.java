package io.innoleap.servicekit.themes;

import io.innoleap.contracts.themes.ThemeCatalogue;
import io.innoleap.servicekit.api.ApiException;
import io.innoleap.servicekit.store.StringListConverter;
import io.micronaut.core.annotation.Nullable;

/** The {@code ?theme=} list filter: normalised like input themes; an unknown one is a 400 with suggestions. */
public final class ThemeFilter {

    private ThemeFilter() {
    }

    /** The LIKE pattern for a themes column, or null when no theme filter was given. */
    @Nullable
    public static String likePattern(@Nullable String theme) {
        if (theme == null || theme.isBlank()) {
            return null;
        }
        ThemeCatalogue catalogue = ThemeCatalogue.standard();
        String slug = catalogue.normalise(theme)
                .orElseThrow(() -> ApiException.badRequest("theme", ThemeSlugValidator.unknownThemeMessage(catalogue, theme)));
        return StringListConverter.containsPattern(slug);
    }
}
