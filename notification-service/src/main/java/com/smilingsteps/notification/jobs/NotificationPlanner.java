package com.smilingsteps.notification.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.notification.events.PaymentDetails;

/** Decides which emails a session event calls for. Pure: no I/O, no clock. */
public final class NotificationPlanner {

    static final String CLIENT = "client";
    static final String PSYCHOLOGIST = "psychologist";

    private final Duration reminderLead;

    public NotificationPlanner(Duration reminderLead) {
        this.reminderLead = reminderLead;
    }

    public NotificationPlan plan(SessionEvent event, Instant now) {
        return switch (event.type()) {
            case SessionEvent.CONFIRMED -> new NotificationPlan(concat(
                    concat(toBoth(event, EmailKind.BOOKING_CONFIRMED, now), reminders(event)), receipt(event, now)), false, null);
            case SessionEvent.PAYMENT_FAILED -> new NotificationPlan(toClient(event, EmailKind.PAYMENT_FAILED, now), false, null);
            case SessionEvent.EXPIRED -> new NotificationPlan(toClient(event, EmailKind.SESSION_EXPIRED, now), true, null);
            case SessionEvent.RESCHEDULED -> new NotificationPlan(
                    concat(toBoth(event, EmailKind.RESCHEDULED, now), reminders(event)), true, event.payload().sessionDate());
            case SessionEvent.CANCELLED -> new NotificationPlan(toBoth(event, EmailKind.CANCELLED, now), true, null);
            case SessionEvent.CALL_ENDED -> new NotificationPlan(toBoth(event, EmailKind.CALL_SUMMARY, now), true, null);
            case SessionEvent.MISSED -> new NotificationPlan(toBoth(event, EmailKind.SESSION_MISSED, now), true, null);
            case SessionEvent.NO_SHOW -> new NotificationPlan(noShow(event, now), true, null);
            // Booked (not paid yet) and CallStarted need no email.
            default -> NotificationPlan.nothing();
        };
    }

    private List<EmailJob> reminders(SessionEvent event) {
        SessionEvent.Payload session = event.payload();
        Instant due = session.sessionDate().minus(reminderLead);
        return List.of(
                job(event, EmailJob.reminderId(event.sessionId(), CLIENT, session.sessionDate()), EmailKind.REMINDER,
                        recipient(CLIENT, session.client()), session.psychologist(), due),
                job(event, EmailJob.reminderId(event.sessionId(), PSYCHOLOGIST, session.sessionDate()),
                        EmailKind.REMINDER, recipient(PSYCHOLOGIST, session.psychologist()), session.client(), due));
    }

    /** A receipt for the client when the confirmation carries the amount paid. */
    private static List<EmailJob> receipt(SessionEvent event, Instant now) {
        return event.payload().amount() == null ? List.of() : toClient(event, EmailKind.RECEIPT, now);
    }

    private static List<EmailJob> toClient(SessionEvent event, EmailKind kind, Instant now) {
        return List.of(job(event, EmailJob.eventEmailId(event.eventId(), kind, CLIENT), kind,
                recipient(CLIENT, event.payload().client()), event.payload().psychologist(), now));
    }

    /** The side that did not join is told it was missed; the side that waited, that the other never came. */
    private static List<EmailJob> noShow(SessionEvent event, Instant now) {
        SessionEvent.Payload session = event.payload();
        boolean clientAbsent = CLIENT.equals(session.noShowBy());
        EmailKind toClient = clientAbsent ? EmailKind.NO_SHOW_ABSENT : EmailKind.NO_SHOW_WAITED;
        EmailKind toPsychologist = clientAbsent ? EmailKind.NO_SHOW_WAITED : EmailKind.NO_SHOW_ABSENT;
        return List.of(
                job(event, EmailJob.eventEmailId(event.eventId(), toClient, CLIENT), toClient,
                        recipient(CLIENT, session.client()), session.psychologist(), now),
                job(event, EmailJob.eventEmailId(event.eventId(), toPsychologist, PSYCHOLOGIST), toPsychologist,
                        recipient(PSYCHOLOGIST, session.psychologist()), session.client(), now));
    }

    private List<EmailJob> toBoth(SessionEvent event, EmailKind kind, Instant now) {
        SessionEvent.Payload session = event.payload();
        return List.of(
                job(event, EmailJob.eventEmailId(event.eventId(), kind, CLIENT), kind,
                        recipient(CLIENT, session.client()), session.psychologist(), now),
                job(event, EmailJob.eventEmailId(event.eventId(), kind, PSYCHOLOGIST), kind,
                        recipient(PSYCHOLOGIST, session.psychologist()), session.client(), now));
    }

    private static EmailJob job(SessionEvent event, String id, EmailKind kind, Recipient to, SessionEvent.Party other,
            Instant due) {
        SessionEvent.Payload session = event.payload();
        return new EmailJob(id, kind, event.sessionId(), event.eventId(), to, other.name(), session.sessionDate(),
                session.previousSessionDate(), session.cancelledBy(), session.durationMinutes(), due, 0, payment(session),
                joinLink(kind, CLIENT.equals(to.role()) ? session.client() : session.psychologist()));
    }

    /** The recipient's personal join link, in the emails that invite to the call (when the event carries one). */
    private static EmailJob.AccountLink joinLink(EmailKind kind, SessionEvent.Party recipient) {
        boolean invites = kind == EmailKind.BOOKING_CONFIRMED || kind == EmailKind.RESCHEDULED || kind == EmailKind.REMINDER;
        SessionEvent.JoinLink link = recipient.joinLink();
        return invites && link != null ? new EmailJob.AccountLink(link.token(), link.expiresAt()) : null;
    }

    /** The payment fields of SessionConfirmed and PaymentFailed; null for events without an amount. */
    private static PaymentDetails payment(SessionEvent.Payload session) {
        return session.amount() == null ? null
                : new PaymentDetails(session.amount(), session.mpesaReceipt(), session.failureReason());
    }

    private static Recipient recipient(String role, SessionEvent.Party party) {
        return new Recipient(role, party.id(), party.name(), party.email());
    }

    private static List<EmailJob> concat(List<EmailJob> a, List<EmailJob> b) {
        List<EmailJob> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
