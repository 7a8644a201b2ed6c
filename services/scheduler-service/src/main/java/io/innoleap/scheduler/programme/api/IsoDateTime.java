package io.innoleap.scheduler.programme.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field that must parse as java.time.OffsetDateTime (ISO-8601 with offset). Request records take dates and times as
 * text so that a malformed value is reported with every other failing field in one 400, instead
 * of failing the whole body's deserialisation. {@code null} is valid (use {@code @NotBlank}).
 */
@Documented
@Constraint(validatedBy = IsoDateTimeValidator.class)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoDateTime {
    String message() default "must be an ISO-8601 date-time with offset, like 2027-01-14T09:30:00+08:00";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
