package com.smilingsteps.infra.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContractsTest {

    private static final String PARTIES = "\"client\":{\"id\":\"c1\",\"name\":\"Amina\",\"email\":\"amina@example.test\"},"
            + "\"psychologist\":{\"id\":\"p1\",\"name\":\"Dr Otieno\",\"email\":\"otieno@example.test\"}";

    @Test
    void acceptsAWellFormedSessionConfirmedEvent() {
        String event = "{\"eventId\":\"3f1c1a52-6b1e-4f8e-9a43-0c2a1d3e5f60\",\"type\":\"SessionConfirmed\",\"version\":1,"
                + "\"occurredAt\":\"2026-11-24T10:00:00Z\",\"sessionId\":\"s1\",\"payload\":{\"sessionDate\":\"2026-11-25T09:00:00Z\","
                + "\"sessionType\":\"individual\",\"status\":\"Confirmed\"," + PARTIES + "}}";
        assertTrue(Contracts.errors("session-events", event).isEmpty(), () -> Contracts.errors("session-events", event).toString());
    }

    @Test
    void refusesACallEndedEventWithoutDuration() {
        String event = "{\"eventId\":\"3f1c1a52-6b1e-4f8e-9a43-0c2a1d3e5f60\",\"type\":\"CallEnded\",\"version\":1,"
                + "\"occurredAt\":\"2026-11-24T10:00:00Z\",\"sessionId\":\"s1\",\"payload\":{\"sessionDate\":\"2026-11-25T09:00:00Z\","
                + "\"sessionType\":\"individual\",\"status\":\"Completed\",\"startedAt\":\"2026-11-25T09:00:00Z\","
                + "\"endedAt\":\"2026-11-25T09:45:00Z\"," + PARTIES + "}}";
        assertFalse(Contracts.errors("session-events", event).isEmpty());
    }

    @Test
    void refusesAnAuditEventThatLeaksExtraFields() {
        String event = "{\"eventId\":\"3f1c1a52-6b1e-4f8e-9a43-0c2a1d3e5f60\",\"type\":\"AccessDecision\",\"version\":1,"
                + "\"occurredAt\":\"2026-11-24T10:00:00Z\",\"sessionId\":null,\"payload\":{\"service\":\"turn\",\"actor\":\"u1\","
                + "\"role\":\"client\",\"action\":\"turn.credentials\",\"resource\":\"ice-config\",\"outcome\":\"allowed\","
                + "\"reason\":\"ok\",\"credential\":\"secret\"}}";
        assertFalse(Contracts.errors("audit-events", event).isEmpty());
    }
}
