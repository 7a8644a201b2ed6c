package io.innoleap.servicekit.text;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A single-line text field (names, titles, codes, keywords, venue): no control characters at all,
 * neither CR, LF, TAB, NUL nor any other (C0, DEL, C1), and no Unicode line or paragraph separator.
 * Such text can never add a line to a mail header or an iCalendar file.
 */
@Documented
@Constraint(validatedBy = TextValidators.SingleLineValidator.class)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {
    String message() default "must be a single line without control characters (no line breaks, tabs or NUL)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
