package io.innoleap.scheduler.programme.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field that must parse as java.time.LocalTime (HH:mm). Request records take dates and times as
 * text so that a malformed value is reported with every other failing field in one 400, instead
 * of failing the whole body's deserialisation. {@code null} is valid (use {@code @NotBlank}).
 */
@Documented
@Constraint(validatedBy = IsoTimeValidator.class)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoTime {
    String message() default "must be a time like 09:30";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
