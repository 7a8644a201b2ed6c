package io.innoleap.servicekit.text;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** The checks behind {@link SingleLine} and {@link MultiLine}. */
public final class TextValidators {

    private TextValidators() {
    }

    /** Whether the text has a character that no single-line field may hold. */
    public static boolean hasControlCharacter(CharSequence text, boolean lineBreaksAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineBreaksAllowed && (c == '\n' || c == '\r')) {
                continue;
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    @Singleton
    public static class SingleLineValidator implements ConstraintValidator<SingleLine, CharSequence> {
        @Override
        public boolean isValid(@Nullable CharSequence value, @NonNull AnnotationValue<SingleLine> annotation,
                               @NonNull ConstraintValidatorContext context) {
            return value == null || !hasControlCharacter(value, false);
        }
    }

    @Singleton
    public static class MultiLineValidator implements ConstraintValidator<MultiLine, CharSequence> {
        @Override
        public boolean isValid(@Nullable CharSequence value, @NonNull AnnotationValue<MultiLine> annotation,
                               @NonNull ConstraintValidatorContext context) {
            return value == null || !hasControlCharacter(value, true);
        }
    }
}
