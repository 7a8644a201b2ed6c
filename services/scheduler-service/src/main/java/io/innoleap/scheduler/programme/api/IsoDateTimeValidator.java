package io.innoleap.scheduler.programme.api;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

import java.time.format.DateTimeParseException;

@Singleton
public class IsoDateTimeValidator implements ConstraintValidator<IsoDateTime, String> {
    @Override
    public boolean isValid(@Nullable String value, @NonNull AnnotationValue<IsoDateTime> annotation,
                           @NonNull ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            java.time.OffsetDateTime.parse(value.strip());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
