package io.innoleap.servicekit.themes;

import io.innoleap.contracts.themes.ThemeCatalogue;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** Accepts catalogue slugs, names and synonyms; suggests the closest slugs otherwise. */
@Singleton
public class ThemeSlugValidator implements ConstraintValidator<ThemeSlug, String> {

    private final ThemeCatalogue catalogue = ThemeCatalogue.standard();

    @Override
    public boolean isValid(@Nullable String value, @NonNull AnnotationValue<ThemeSlug> annotation,
                           @NonNull ConstraintValidatorContext context) {
        if (value == null) {
            return true; // @NotNull decides about nulls
        }
        if (catalogue.normalise(value).isPresent()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(unknownThemeMessage(catalogue, value)).addConstraintViolation();
        return false;
    }

    public static String unknownThemeMessage(ThemeCatalogue catalogue, String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        // Braces and dollars would be read as message-template expressions.
        shown = shown.replaceAll("[{}$\\\\]", "?");
        return "unknown theme '" + shown + "'; closest valid themes: " + String.join(", ", catalogue.closest(value, 3));
    }
}
