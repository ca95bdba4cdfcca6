package com.smilingsteps.session.booking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.contracts.Topics;

/** Builds {@code session-events} records ({@link SessionEvent}, infra/contracts) as outbox entries. */
public final class SessionEvents {

    public static final String TOPIC = Topics.SESSION_EVENTS;
    public static final String BOOKED = SessionEvent.BOOKED;
    public static final String CONFIRMED = SessionEvent.CONFIRMED;
    public static final String RESCHEDULED = SessionEvent.RESCHEDULED;
    public static final String CANCELLED = SessionEvent.CANCELLED;
    public static final String EXPIRED = SessionEvent.EXPIRED;
    public static final String PAYMENT_FAILED = SessionEvent.PAYMENT_FAILED;
    public static final String CALL_STARTED = SessionEvent.CALL_STARTED;
    public static final String CALL_ENDED = SessionEvent.CALL_ENDED;
    public static final String MISSED = SessionEvent.MISSED;
    public static final String NO_SHOW = SessionEvent.NO_SHOW;
    public static final String SEAT_RELEASED = SessionEvent.SEAT_RELEASED;
    public static final String ABSENCE_CLEARED = SessionEvent.ABSENCE_CLEARED;

    private static final Set<String> EXTRA_FIELDS = Set.of("previousSessionDate", "cancelledBy", "startedAt", "endedAt",
            "durationMinutes", "amount", "mpesaReceipt", "failureReason", "endedBy", "noShowBy", "absentClients");

    private SessionEvents() {
    }

    /**
     * An event describing {@code session} as it will be after the change; {@code status} and
     * {@code extra} payload fields are the change's own values.
     */
    public static OutboxEntry event(String type, Session session, String status, Map<String, Object> extra) {
        return event(type, session, session.sessionDate, status, extra);
    }

    /** {@code extra} holds the type's own payload fields, by their contract names. */
    public static OutboxEntry event(String type, Session session, Instant sessionDate, String status,
            Map<String, Object> extra) {
        return event(type, session, sessionDate, status, extra, Map.of());
    }

    /** ... with each participant's personal join link ({@code joinLinks} by user id; SessionConfirmed and SessionRescheduled). */
    public static OutboxEntry event(String type, Session session, Instant sessionDate, String status,
            Map<String, Object> extra, Map<String, SessionEvent.JoinLink> joinLinks) {
        return event(type, session, sessionDate, status, session.client, session.paidClients(), extra, joinLinks);
    }

    /**
     * A group session's event about one seat's change: {@code seatClient} is that seat's client,
     * {@code paidClients} the clients whose seat is paid once the change is applied.
     */
    public static OutboxEntry seatEvent(String type, Session session, Party seatClient, List<Party> paidClients,
            String status, Map<String, Object> extra) {
        return seatEvent(type, session, seatClient, paidClients, status, extra, Map.of());
    }

    /** ... with personal join links ({@code joinLinks} by user id; a seat's SessionConfirmed carries its client's). */
    public static OutboxEntry seatEvent(String type, Session session, Party seatClient, List<Party> paidClients,
            String status, Map<String, Object> extra, Map<String, SessionEvent.JoinLink> joinLinks) {
        return event(type, session, session.sessionDate, status, seatClient, paidClients, extra, joinLinks);
    }

    private static OutboxEntry event(String type, Session session, Instant sessionDate, String status, Party client,
            List<Party> paidClients, Map<String, Object> extra, Map<String, SessionEvent.JoinLink> joinLinks) {
        if (!EXTRA_FIELDS.containsAll(extra.keySet())) {
            throw new IllegalArgumentException("not a session-events payload field: " + extra.keySet());
        }
        boolean group = session.isGroup();
        SessionEvent.Payload payload = new SessionEvent.Payload(SessionEvent.millis(sessionDate), session.sessionType,
                status, party(client, joinLinks), party(session.psychologist, joinLinks),
                SessionEvent.millis((Instant) extra.get("previousSessionDate")), (String) extra.get("cancelledBy"),
                SessionEvent.millis((Instant) extra.get("startedAt")), SessionEvent.millis((Instant) extra.get("endedAt")),
                (Integer) extra.get("durationMinutes"), extra.get("amount") == null ? null : ((Number) extra.get("amount")).longValue(),
                (String) extra.get("mpesaReceipt"), (String) extra.get("failureReason"), (String) extra.get("endedBy"),
                (String) extra.get("noShowBy"), group ? paidClients.stream().map(paid -> party(paid, joinLinks)).toList() : null,
                group ? session.title : null, group ? session.capacity : null, absentClients(extra.get("absentClients")));
        SessionEvent event = SessionEvent.of(type, session.idText(), payload);
        return new OutboxEntry(event.eventId(), TOPIC, type, EventJson.write(event));
    }

    @SuppressWarnings("unchecked")
    private static List<String> absentClients(Object ids) {
        return ids == null || ((List<String>) ids).isEmpty() ? null : List.copyOf((List<String>) ids);
    }

    private static SessionEvent.Party party(Party party, Map<String, SessionEvent.JoinLink> joinLinks) {
        if (party == null) {
            return null;
        }
        return new SessionEvent.Party(party.userId, party.name, party.email, joinLinks.get(party.userId));
    }
}
