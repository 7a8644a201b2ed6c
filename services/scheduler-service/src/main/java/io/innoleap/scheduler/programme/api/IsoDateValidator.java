package io.innoleap.scheduler.programme.api;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

import java.time.format.DateTimeParseException;

@Singleton
public class IsoDateValidator implements ConstraintValidator<IsoDate, String> {
    @Override
    public boolean isValid(@Nullable String value, @NonNull AnnotationValue<IsoDate> annotation,
                           @NonNull ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            java.time.LocalDate.parse(value.strip());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
