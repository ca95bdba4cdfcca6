package com.smilingsteps.notification.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.infra.testing.Contracts;

/** The run-time check uses the contract file from infra/contracts, packed into the jar. */
class SessionEventReaderTest {

    static final String CALL_ENDED = """
            {"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","type":"CallEnded","version":1,
             "occurredAt":"2026-03-02T10:50:00Z","sessionId":"s-42",
             "payload":{"sessionDate":"2026-03-02T13:00:00+03:00","sessionType":"individual","status":"Completed",
               "client":{"id":"c1","name":"Amina","email":"amina@example.test"},
               "psychologist":{"id":"p1","name":"Dr. Otieno","email":"otieno@example.test"},
               "startedAt":"2026-03-02T10:02:00Z","endedAt":"2026-03-02T10:47:00Z","durationMinutes":45}}
            """;

    final SessionEventReader reader = new SessionEventReader();

    @Test
    void readsAValidEvent() {
        Contracts.assertValid("session-events", CALL_ENDED);
        SessionEvent event = reader.read(CALL_ENDED);
        assertEquals("CallEnded", event.type());
        assertEquals(Instant.parse("2026-03-02T10:00:00Z"), event.payload().sessionDate());
        assertEquals("otieno@example.test", event.payload().psychologist().email());
        assertEquals(45, event.payload().durationMinutes());
    }

    @Test
    void rejectsWhatTheContractRejectsWithoutEchoingPersonalData() {
        String missingDuration = CALL_ENDED.replace(",\"durationMinutes\":45", "");
        assertTrue(!Contracts.errors("session-events", missingDuration).isEmpty());
        InvalidSessionEventException e = assertThrows(InvalidSessionEventException.class, () -> reader.read(missingDuration));
        assertTrue(e.getMessage().contains("durationMinutes"), e.getMessage());

        String badEmail = CALL_ENDED.replace("amina@example.test", "amina at example");
        e = assertThrows(InvalidSessionEventException.class, () -> reader.read(badEmail));
        assertTrue(!e.getMessage().contains("amina"), e.getMessage());

        assertThrows(InvalidSessionEventException.class, () -> reader.read("{\"eventId\":"));
        assertThrows(InvalidSessionEventException.class, () -> reader.read(""));
    }
}
