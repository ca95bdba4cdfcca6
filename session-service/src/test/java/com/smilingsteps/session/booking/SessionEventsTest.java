package com.smilingsteps.session.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.Map;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Contracts;

/** Every event type session-service produces satisfies infra/contracts/session-events.schema.json. */
class SessionEventsTest {

    private static Session session() {
        Session session = new Session();
        session.id = new ObjectId();
        session.client = new Party("c1", "Amina Wanjiru", "amina@example.test");
        session.psychologist = new Party("p1", "Dr Otieno", "otieno@example.test");
        session.sessionDate = Instant.parse("2026-03-02T09:00:00Z");
        session.sessionType = "group";
        session.status = SessionStatus.CONFIRMED;
        return session;
    }

    @Test
    void everyTypeFollowsTheContract() {
        Session s = session();
        Instant start = Instant.parse("2026-03-02T09:01:30.123456Z");
        Instant end = start.plusSeconds(45 * 60);
        var events = new OutboxEntry[] {
            SessionEvents.event(SessionEvents.BOOKED, s, SessionStatus.PENDING, Map.of()),
            SessionEvents.event(SessionEvents.CONFIRMED, s, SessionStatus.CONFIRMED, Map.of()),
            SessionEvents.event(SessionEvents.RESCHEDULED, s, s.sessionDate.plusSeconds(86400), SessionStatus.CONFIRMED,
                    Map.of("previousSessionDate", s.sessionDate)),
            SessionEvents.event(SessionEvents.CANCELLED, s, SessionStatus.CANCELLED, Map.of("cancelledBy", "psychologist")),
            SessionEvents.event(SessionEvents.CALL_STARTED, s, SessionStatus.IN_PROGRESS, Map.of("startedAt", start)),
            SessionEvents.event(SessionEvents.CALL_ENDED, s, SessionStatus.COMPLETED,
                    Map.of("startedAt", start, "endedAt", end, "durationMinutes", 45)),
        };
        for (OutboxEntry event : events) {
            Contracts.assertValid("session-events", event.json);
            assertEquals("session-events", event.topic);
        }
        assertNotEquals(events[0].eventId, events[1].eventId);
    }

    @Test
    void theContractCatchesAMissingRequiredField() {
        String broken = SessionEvents.event(SessionEvents.CALL_ENDED, session(), SessionStatus.COMPLETED,
                Map.of("startedAt", Instant.now())).json;
        assertFalse(Contracts.errors("session-events", broken).isEmpty());
    }
}
