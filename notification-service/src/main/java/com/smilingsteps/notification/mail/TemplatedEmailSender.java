package com.smilingsteps.notification.mail;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.notification.config.AppConfig;
import com.smilingsteps.notification.config.NotificationConfig;
import com.smilingsteps.notification.jobs.EmailJob;
import com.smilingsteps.notification.jobs.EmailKind;
import com.smilingsteps.notification.jobs.EmailSender;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;

/** Renders a job with its template and hands it to SMTP through quarkus-mailer. */
@ApplicationScoped
public class TemplatedEmailSender implements EmailSender {

    /** Lets support find the job behind a message without any personal data in the header. */
    public static final String JOB_HEADER = "X-Smiling-Steps-Notification";
    /**
     * The same for every send of a job: a job sent again after a crash (see Dispatcher) arrives
     * under the Message-ID of the first copy, which mail systems and clients collapse.
     */
    public static final String MESSAGE_ID_HEADER = "Message-ID";

    private static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm (zzz)", Locale.ENGLISH);

    private final NotificationConfig config;
    private final AppConfig app;
    private final SmtpReadinessCheck smtp;

    TemplatedEmailSender(NotificationConfig config, AppConfig app,
            @org.eclipse.microprofile.health.Readiness SmtpReadinessCheck smtp) {
        this.config = config;
        this.app = app;
        this.smtp = smtp;
    }

    /** The server's 220 greeting, as the readiness check asks for it. */
    @Override
    public boolean serverAnswers() {
        return smtp.call().getStatus() == org.eclipse.microprofile.health.HealthCheckResponse.Status.UP;
    }

    @Override
    public void send(EmailJob job) {
        EmailView view = view(job);
        MailTemplateInstance template = switch (job.kind()) {
            case BOOKING_CONFIRMED -> EmailTemplates.bookingConfirmed(view);
            case REMINDER -> EmailTemplates.reminder(view);
            case RESCHEDULED -> EmailTemplates.rescheduled(view);
            case CANCELLED -> EmailTemplates.cancelled(view);
            case CALL_SUMMARY -> EmailTemplates.callSummary(view);
            case CALL_SUMMARY_ABSENT -> EmailTemplates.callSummaryAbsent(view);
            case ABSENCE_CLEARED -> EmailTemplates.absenceCleared(view);
            case RECEIPT -> EmailTemplates.receipt(view);
            case PAYMENT_FAILED -> EmailTemplates.paymentFailed(view);
            case SESSION_EXPIRED -> EmailTemplates.sessionExpired(view);
            case GROUP_EXPIRED -> EmailTemplates.groupExpired(view);
            case SEAT_GIVEN_UP -> EmailTemplates.seatGivenUp(view);
            case SESSION_MISSED -> EmailTemplates.sessionMissed(view);
            case NO_SHOW_ABSENT -> EmailTemplates.noShowAbsent(view);
            case NO_SHOW_WAITED -> EmailTemplates.noShowWaited(view);
            case NO_SHOW_NEITHER -> EmailTemplates.noShowNeither(view);
            case VERIFY_EMAIL -> EmailTemplates.verifyEmail(view);
            case REGISTRATION_ATTEMPTED -> EmailTemplates.registrationAttempted(view);
            case PASSWORD_RESET -> EmailTemplates.passwordReset(view);
            case INVITATION -> EmailTemplates.invitation(view);
        };
        // mail(..) replaces the message being built, so it comes before subject and recipient.
        template.mail(new Mail().addHeader(JOB_HEADER, job.id()).addHeader(MESSAGE_ID_HEADER, messageId(job)))
                .subject(subject(job.kind()))
                .to(job.recipient().email())
                .send()
                .await().atMost(config.dispatch().sendTimeout());
    }

    /** {@code <uuid@host>}: derived from the job id alone (whose characters need not be valid in a Message-ID). */
    String messageId(EmailJob job) {
        String host = URI.create(base()).getHost();
        return "<" + UUID.nameUUIDFromBytes(job.id().getBytes(StandardCharsets.UTF_8)) + "@"
                + (host == null || host.isBlank() ? "smilingsteps.local" : host) + ">";
    }

    static String subject(EmailKind kind) {
        return switch (kind) {
            case BOOKING_CONFIRMED -> "Your session is confirmed";
            case REMINDER -> "Video Call Starting Soon";
            case RESCHEDULED -> "Your session has been rescheduled";
            case CANCELLED -> "Your session has been cancelled";
            case CALL_SUMMARY -> "Session completed";
            case CALL_SUMMARY_ABSENT -> "Session completed: you were marked absent";
            case ABSENCE_CLEARED -> "Correction: you were not absent";
            case RECEIPT -> "Payment received";
            case PAYMENT_FAILED -> "Payment failed, please try again";
            case SESSION_EXPIRED -> "Your unpaid booking has expired";
            case GROUP_EXPIRED -> "Your group session did not take place";
            case SEAT_GIVEN_UP -> "A group seat was given up";
            case SESSION_MISSED -> "Your session was missed";
            case NO_SHOW_ABSENT -> "We missed you at your session";
            case NO_SHOW_WAITED -> "The other participant did not join";
            case NO_SHOW_NEITHER -> "Your session did not take place";
            case VERIFY_EMAIL -> "Confirm your email address";
            case REGISTRATION_ATTEMPTED -> "Someone tried to register with your address";
            case PASSWORD_RESET -> "Set a new password";
            case INVITATION -> "You have been invited: set your password";
        };
    }

    EmailView view(EmailJob job) {
        return new EmailView(
                config.practiceName(),
                job.recipient().name(),
                job.otherPartyName(),
                "client".equals(job.recipient().role()),
                format(job.sessionDate()),
                format(job.previousSessionDate()),
                joinLink(job),
                config.reminderLead().toMinutes(),
                job.durationMinutes(),
                job.cancelledBy(),
                job.payment() == null ? null : job.payment().amount(),
                job.payment() == null ? null : job.payment().mpesaReceipt(),
                job.payment() == null ? null : job.payment().failureReason(),
                accountLink(job),
                job.link() == null ? null : format(job.link().expiresAt()),
                base() + "/login",
                base() + "/forgot-password",
                job.link() != null && job.sessionId() != null);
    }

    /**
     * The recipient's personal one-click link when the job carries one (the token in the fragment,
     * as for account links), else the session's call page, which asks them to sign in.
     */
    String joinLink(EmailJob job) {
        if (job.sessionId() == null) {
            return null;
        }
        if (job.link() != null) {
            return base() + "/join#token=" + URLEncoder.encode(job.link().token(), StandardCharsets.UTF_8);
        }
        return base() + "/video-call/" + URLEncoder.encode(job.sessionId(), StandardCharsets.UTF_8);
    }

    /**
     * The SPA page that uses the token; the token goes in the fragment, which browsers never send
     * to a server, so it stays out of every access log on the way.
     */
    String accountLink(EmailJob job) {
        if (job.link() == null || job.sessionId() != null) {
            return null;
        }
        String page = switch (job.kind()) {
            case VERIFY_EMAIL -> "/verify-email";
            case PASSWORD_RESET -> "/reset-password";
            case INVITATION -> "/set-password";
            default -> throw new IllegalArgumentException(job.kind() + " carries no link");
        };
        return base() + page + "#token=" + URLEncoder.encode(job.link().token(), StandardCharsets.UTF_8);
    }

    private String base() {
        return app.publicUrl().endsWith("/") ? app.publicUrl().substring(0, app.publicUrl().length() - 1) : app.publicUrl();
    }

    private String format(Instant instant) {
        return instant == null ? null : TIME_FORMAT.format(instant.atZone(config.timeZone()));
    }
}
