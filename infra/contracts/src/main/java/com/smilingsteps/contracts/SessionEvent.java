package com.smilingsteps.contracts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One {@code session-events} record ({@code session-events.schema.json}). Payload fields that only
 * some types carry are null (and left out of the JSON) for the others.
 */
public record SessionEvent(String eventId, String type, int version, Instant occurredAt, String sessionId,
        Payload payload) {

    public static final String BOOKED = "SessionBooked";
    public static final String CONFIRMED = "SessionConfirmed";
    public static final String RESCHEDULED = "SessionRescheduled";
    public static final String CANCELLED = "SessionCancelled";
    /** An unpaid Pending booking whose payment hold ran out. */
    public static final String EXPIRED = "SessionExpired";
    /** An M-Pesa payment attempt failed (amount, failureReason). */
    public static final String PAYMENT_FAILED = "PaymentFailed";
    public static final String CALL_STARTED = "CallStarted";
    /** The call ended (startedAt, endedAt, durationMinutes, endedBy). */
    public static final String CALL_ENDED = "CallEnded";
    /** A paid session whose call window closed with nobody having joined. */
    public static final String MISSED = "SessionMissed";
    /** A paid session whose call window closed with one side only having joined (noShowBy: the other). */
    public static final String NO_SHOW = "SessionNoShow";
    /**
     * A group session's seat freed: {@code client} loses it. Without {@code cancelledBy}: an unpaid
     * seat whose hold ran out (the session is unchanged). With {@code cancelledBy} client: the
     * client gave it up before the call; {@code amount}, when set, is what the practice refunds
     * them, and {@code status} is Pending again when it was the only paid seat.
     */
    public static final String SEAT_RELEASED = "SeatReleased";
    /**
     * A group's {@code client} marked absent when it completed was in the call after all (their
     * join reached session-service after the end); {@code absentClients} lists those still absent.
     */
    public static final String ABSENCE_CLEARED = "AbsenceCleared";
    public static final List<String> TYPES = List.of(BOOKED, CONFIRMED, RESCHEDULED, CANCELLED, EXPIRED, PAYMENT_FAILED,
            CALL_STARTED, CALL_ENDED, MISSED, NO_SHOW, SEAT_RELEASED, ABSENCE_CLEARED);
    /** {@code endedBy} of a call the system completed after its room stayed empty. */
    public static final String ENDED_BY_SYSTEM = "system";
    public static final int VERSION = 1;

    /**
     * A participant. {@code joinLink}: in SessionConfirmed and SessionRescheduled only, the personal
     * one-click join link of this participant for this session date (null otherwise).
     */
    public record Party(String id, String name, String email, JoinLink joinLink) {

        public Party(String id, String name, String email) {
            this(id, name, email, null);
        }

        /** Never the link's secret: records show up in test failures and debug output. */
        @Override
        public String toString() {
            return "Party[" + id + (joinLink == null ? "" : ", with join link") + "]";
        }
    }

    /**
     * The one-time secret of a personal join link (session-service keeps only its hash) and when it
     * works: from 15 minutes before the start until the call window closes.
     */
    public record JoinLink(String token, Instant validFrom, Instant expiresAt) {

        @Override
        public String toString() {
            return "JoinLink[validFrom=" + validFrom + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A one-to-one session's event names its {@code client}. A group session's event names every
     * client holding a paid seat in {@code clients} (with its {@code title} and {@code capacity});
     * its {@code client} is set only for a seat's own change (booked, paid, payment failed,
     * released) and names that seat's client.
     */
    public record Payload(Instant sessionDate, String sessionType, String status, Party client, Party psychologist,
            Instant previousSessionDate, String cancelledBy, Instant startedAt, Instant endedAt,
            Integer durationMinutes, Long amount, String mpesaReceipt, String failureReason, String endedBy,
            String noShowBy, List<Party> clients, String title, Integer capacity, List<String> absentClients) {

        /** A payload without absent clients (any but a group's CallEnded). */
        public Payload(Instant sessionDate, String sessionType, String status, Party client, Party psychologist,
                Instant previousSessionDate, String cancelledBy, Instant startedAt, Instant endedAt,
                Integer durationMinutes, Long amount, String mpesaReceipt, String failureReason, String endedBy,
                String noShowBy, List<Party> clients, String title, Integer capacity) {
            this(sessionDate, sessionType, status, client, psychologist, previousSessionDate, cancelledBy, startedAt,
                    endedAt, durationMinutes, amount, mpesaReceipt, failureReason, endedBy, noShowBy, clients, title, capacity,
                    null);
        }

        /** Whether the client {@code clientId} was marked absent from a group call that met. */
        public boolean absent(String clientId) {
            return absentClients != null && absentClients.contains(clientId);
        }

        /** A one-to-one session's payload. */
        public Payload(Instant sessionDate, String sessionType, String status, Party client, Party psychologist,
                Instant previousSessionDate, String cancelledBy, Instant startedAt, Instant endedAt,
                Integer durationMinutes, Long amount, String mpesaReceipt, String failureReason, String endedBy,
                String noShowBy) {
            this(sessionDate, sessionType, status, client, psychologist, previousSessionDate, cancelledBy, startedAt,
                    endedAt, durationMinutes, amount, mpesaReceipt, failureReason, endedBy, noShowBy, null, null, null);
        }

        /** Whether this is a group session's event (it lists the clients with a paid seat). */
        public boolean group() {
            return clients != null;
        }

        /** Everyone on the client side: a group's paid seat holders, or the one client. */
        public List<Party> everyClient() {
            return clients != null ? clients : client == null ? List.of() : List.of(client);
        }

        /** The payload of a type without endedBy and noShowBy. */
        public Payload(Instant sessionDate, String sessionType, String status, Party client, Party psychologist,
                Instant previousSessionDate, String cancelledBy, Instant startedAt, Instant endedAt,
                Integer durationMinutes, Long amount, String mpesaReceipt, String failureReason) {
            this(sessionDate, sessionType, status, client, psychologist, previousSessionDate, cancelledBy, startedAt,
                    endedAt, durationMinutes, amount, mpesaReceipt, failureReason, null, null);
        }
    }

    /** A new event occurring now; instants are kept to the millisecond, as the other services store them. */
    public static SessionEvent of(String type, String sessionId, Payload payload) {
        return new SessionEvent(UUID.randomUUID().toString(), type, VERSION, millis(Instant.now()), sessionId, payload);
    }

    public static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
