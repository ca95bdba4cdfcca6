package com.smilingsteps.notification.mail;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;

/**
 * Type-safe Qute templates under {@code templates/emails/}; each has an {@code .html} and a
 * {@code .txt} variant and the mailer sends both as alternative parts.
 */
@CheckedTemplate(basePath = "emails")
final class EmailTemplates {

    private EmailTemplates() {
    }

    static native MailTemplateInstance bookingConfirmed(EmailView view);

    static native MailTemplateInstance reminder(EmailView view);

    static native MailTemplateInstance rescheduled(EmailView view);

    static native MailTemplateInstance cancelled(EmailView view);

    static native MailTemplateInstance callSummary(EmailView view);

    static native MailTemplateInstance callSummaryAbsent(EmailView view);

    static native MailTemplateInstance absenceCleared(EmailView view);

    static native MailTemplateInstance receipt(EmailView view);

    static native MailTemplateInstance paymentFailed(EmailView view);

    static native MailTemplateInstance sessionExpired(EmailView view);

    static native MailTemplateInstance groupExpired(EmailView view);

    static native MailTemplateInstance seatGivenUp(EmailView view);

    static native MailTemplateInstance sessionMissed(EmailView view);

    static native MailTemplateInstance noShowAbsent(EmailView view);

    static native MailTemplateInstance noShowWaited(EmailView view);

    static native MailTemplateInstance noShowNeither(EmailView view);

    static native MailTemplateInstance verifyEmail(EmailView view);

    static native MailTemplateInstance registrationAttempted(EmailView view);

    static native MailTemplateInstance passwordReset(EmailView view);

    static native MailTemplateInstance invitation(EmailView view);
}
