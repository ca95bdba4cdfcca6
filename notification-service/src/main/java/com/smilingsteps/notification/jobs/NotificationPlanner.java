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
            case SessionEvent.CONFIRMED -> new NotificationPlan(concat(concat(confirmation(event, now),
                    event.payload().group() ? seatReminders(event) : reminders(event)), receipt(event, now)), false, null);
            case SessionEvent.PAYMENT_FAILED -> new NotificationPlan(toClient(event, EmailKind.PAYMENT_FAILED, now), false, null);
            // a group nobody paid by its start did not take place: its psychologist is told
            case SessionEvent.EXPIRED -> new NotificationPlan(event.payload().group()
                    ? List.of(toPsychologist(event, EmailKind.GROUP_EXPIRED, now))
                    : toClient(event, EmailKind.SESSION_EXPIRED, now), true, null);
            case SessionEvent.SEAT_RELEASED -> seatReleased(event, now);
            case SessionEvent.ABSENCE_CLEARED -> absenceCleared(event, now);
            case SessionEvent.RESCHEDULED -> new NotificationPlan(
                    concat(toBoth(event, EmailKind.RESCHEDULED, now), reminders(event)), true, event.payload().sessionDate());
            case SessionEvent.CANCELLED -> new NotificationPlan(toBoth(event, EmailKind.CANCELLED, now), true, null);
            case SessionEvent.CALL_ENDED -> new NotificationPlan(callSummaries(event, now), true, null);
            case SessionEvent.MISSED -> new NotificationPlan(toBoth(event, EmailKind.SESSION_MISSED, now), true, null);
            case SessionEvent.NO_SHOW -> new NotificationPlan(noShow(event, now), true, null);
            // Booked (not paid yet) and CallStarted need no email.
            default -> NotificationPlan.nothing();
        };
    }

    /**
     * A group seat freed. Its hold ran out: its client is told, the session and its reminders stay.
     * Its client gave it up: they and the psychologist are told (the client of the refund owed, if
     * any), and that client's own reminder, with its join link, is withdrawn.
     */
    private static NotificationPlan seatReleased(SessionEvent event, Instant now) {
        SessionEvent.Payload session = event.payload();
        if (!CLIENT.equals(session.cancelledBy()) || session.client() == null) {
            return new NotificationPlan(toClient(event, EmailKind.SESSION_EXPIRED, now), false, null);
        }
        return new NotificationPlan(concat(toClient(event, EmailKind.SEAT_GIVEN_UP, now),
                List.of(toPsychologist(event, EmailKind.SEAT_GIVEN_UP, now))), false, null,
                List.of(EmailJob.reminderId(event.sessionId(), clientKey(session, session.client()), session.sessionDate())));
    }

    /**
     * A group client marked absent was there after all: they should get the plain summary. When
     * the "marked absent" one has not gone out yet it becomes that (one mail, right); when it may
     * have, they are sent the correction instead (EmailJobStore#withdrawAbsence decides).
     */
    private static NotificationPlan absenceCleared(SessionEvent event, Instant now) {
        SessionEvent.Payload session = event.payload();
        if (session.client() == null) {
            return NotificationPlan.nothing();
        }
        String key = clientKey(session, session.client());
        EmailJob summary = job(event, EmailJob.summaryId(event.sessionId(), key), EmailKind.CALL_SUMMARY, CLIENT,
                session.client(), session.psychologist().name(), now);
        EmailJob correction = toClient(event, EmailKind.ABSENCE_CLEARED, now).get(0);
        return new NotificationPlan(List.of(), false, null, List.of(), new NotificationPlan.AbsenceWithdrawn(summary, correction));
    }

    /**
     * A one-to-one confirmation goes to both; a group seat's to its client only (the psychologist
     * is not mailed once per seat, but gets the session's reminder).
     */
    private static List<EmailJob> confirmation(SessionEvent event, Instant now) {
        return event.payload().group() ? toClient(event, EmailKind.BOOKING_CONFIRMED, now)
                : toBoth(event, EmailKind.BOOKING_CONFIRMED, now);
    }

    /** Reminders for every client (each group seat its own) and the psychologist. */
    private List<EmailJob> reminders(SessionEvent event) {
        SessionEvent.Payload session = event.payload();
        Instant due = session.sessionDate().minus(reminderLead);
        List<EmailJob> jobs = new ArrayList<>();
        for (SessionEvent.Party client : session.everyClient()) {
            jobs.add(job(event, EmailJob.reminderId(event.sessionId(), clientKey(session, client), session.sessionDate()),
                    EmailKind.REMINDER, CLIENT, client, session.psychologist().name(), due));
        }
        jobs.add(psychologistReminder(event, due));
        return jobs;
    }

    /** A group seat just paid: its client's reminder, and the psychologist's (one per session: same id). */
    private List<EmailJob> seatReminders(SessionEvent event) {
        SessionEvent.Payload session = event.payload();
        Instant due = session.sessionDate().minus(reminderLead);
        return List.of(job(event, EmailJob.reminderId(event.sessionId(), clientKey(session, session.client()),
                session.sessionDate()), EmailKind.REMINDER, CLIENT, session.client(), session.psychologist().name(), due),
                psychologistReminder(event, due));
    }

    private static EmailJob psychologistReminder(SessionEvent event, Instant due) {
        SessionEvent.Payload session = event.payload();
        return job(event, EmailJob.reminderId(event.sessionId(), PSYCHOLOGIST, session.sessionDate()), EmailKind.REMINDER,
                PSYCHOLOGIST, session.psychologist(), clientSide(session), due);
    }

    /** A receipt for the client when the confirmation carries the amount paid. */
    private static List<EmailJob> receipt(SessionEvent event, Instant now) {
        return event.payload().amount() == null ? List.of() : toClient(event, EmailKind.RECEIPT, now);
    }

    /** To the event's own client (a group seat's client for a seat's change). */
    private static List<EmailJob> toClient(SessionEvent event, EmailKind kind, Instant now) {
        SessionEvent.Payload session = event.payload();
        if (session.client() == null) {
            return List.of();
        }
        return List.of(job(event, EmailJob.eventEmailId(event.eventId(), kind, clientKey(session, session.client())), kind,
                CLIENT, session.client(), session.psychologist().name(), now));
    }

    /**
     * The side that did not join is told it was missed; the side that waited, that the other never
     * came. A group whose psychologist did not come: a client who stayed away too ({@code absentClients})
     * waited for nobody, so is told that neither of them came.
     */
    private static List<EmailJob> noShow(SessionEvent event, Instant now) {
        SessionEvent.Payload session = event.payload();
        boolean clientAbsent = CLIENT.equals(session.noShowBy());
        EmailKind toPsychologist = clientAbsent ? EmailKind.NO_SHOW_WAITED : EmailKind.NO_SHOW_ABSENT;
        List<EmailJob> toClients = session.everyClient().stream().map(client -> {
            EmailKind kind = clientAbsent ? EmailKind.NO_SHOW_ABSENT
                    : session.absent(client.id()) ? EmailKind.NO_SHOW_NEITHER : EmailKind.NO_SHOW_WAITED;
            return job(event, EmailJob.eventEmailId(event.eventId(), kind, clientKey(session, client)), kind, CLIENT, client,
                    session.psychologist().name(), now);
        }).toList();
        return concat(toClients, List.of(toPsychologist(event, toPsychologist, now)));
    }

    /**
     * The summary to everyone, one per session and recipient ({@link EmailJob#summaryId}); a
     * group's client who never joined is told they were marked absent.
     */
    private static List<EmailJob> callSummaries(SessionEvent event, Instant now) {
        SessionEvent.Payload session = event.payload();
        List<EmailJob> jobs = new ArrayList<>();
        for (SessionEvent.Party client : session.everyClient()) {
            EmailKind kind = session.absent(client.id()) ? EmailKind.CALL_SUMMARY_ABSENT : EmailKind.CALL_SUMMARY;
            jobs.add(job(event, EmailJob.summaryId(event.sessionId(), clientKey(session, client)), kind, CLIENT, client,
                    session.psychologist().name(), now));
        }
        jobs.add(job(event, EmailJob.summaryId(event.sessionId(), PSYCHOLOGIST), EmailKind.CALL_SUMMARY, PSYCHOLOGIST,
                session.psychologist(), clientSide(session), now));
        return List.copyOf(jobs);
    }

    /** To every client (each paid seat of a group) and to the psychologist. */
    private static List<EmailJob> toBoth(SessionEvent event, EmailKind kind, Instant now) {
        return concat(toEveryClient(event, kind, now), List.of(toPsychologist(event, kind, now)));
    }

    private static List<EmailJob> toEveryClient(SessionEvent event, EmailKind kind, Instant now) {
        SessionEvent.Payload session = event.payload();
        return session.everyClient().stream().map(client -> job(event,
                EmailJob.eventEmailId(event.eventId(), kind, clientKey(session, client)), kind,
                CLIENT, client, session.psychologist().name(), now)).toList();
    }

    private static EmailJob toPsychologist(SessionEvent event, EmailKind kind, Instant now) {
        SessionEvent.Payload session = event.payload();
        return job(event, EmailJob.eventEmailId(event.eventId(), kind, PSYCHOLOGIST), kind,
                PSYCHOLOGIST, session.psychologist(), clientSide(session), now);
    }

    /** The key of a client's emails: {@code client}, or per seat of a group ({@code client:<id>}). */
    private static String clientKey(SessionEvent.Payload session, SessionEvent.Party client) {
        return session.group() ? CLIENT + ":" + client.id() : CLIENT;
    }

    /** Whom the psychologist meets: the client, or the group by its title. */
    private static String clientSide(SessionEvent.Payload session) {
        return session.group() ? "the group \u201c" + session.title() + "\u201d" : session.client().name();
    }

    private static EmailJob job(SessionEvent event, String id, EmailKind kind, String role, SessionEvent.Party to,
            String otherName, Instant due) {
        SessionEvent.Payload session = event.payload();
        return new EmailJob(id, kind, event.sessionId(), event.eventId(), recipient(role, to), otherName,
                session.sessionDate(), session.previousSessionDate(), session.cancelledBy(), session.durationMinutes(), due, 0,
                payment(session), joinLink(kind, to));
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
