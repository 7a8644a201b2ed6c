package io.innoleap.servicekit.text;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A multi-line text field (description, summary): line breaks (LF, CR) allowed, no other control character. */
@Documented
@Constraint(validatedBy = TextValidators.MultiLineValidator.class)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface MultiLine {
    String message() default "must not contain control characters other than line breaks";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
