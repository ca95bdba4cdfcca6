package com.smilingsteps.session.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An address every consumer of our events accepts: RFC-valid ({@link Email}) and within the
 * session-events contract's pattern (no white space, one {@code @}), so a quoted local part such
 * as {@code "a b"@x.org} is refused at registration instead of dead-lettering every event it is in.
 */
@Email
@Pattern(regexp = "^[^@\\s]+@[^@\\s]+$")
@Size(max = 254)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface ContactEmail {

    String message() default "must be an email address without spaces or quoted parts";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
