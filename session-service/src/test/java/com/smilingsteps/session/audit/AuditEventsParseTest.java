package com.smilingsteps.session.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class AuditEventsParseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheContractFieldsAndRejectsWhatIsNotAnAccessDecision() throws Exception {
        AuditRecord entry = AuditEventsConsumer.parse(JSON.readTree("{\"eventId\":\"0b8e9c7e-1111-4a2b-9c3d-123456789abc\","
                + "\"type\":\"AccessDecision\",\"version\":1,\"occurredAt\":\"2026-01-01T10:00:00Z\",\"sessionId\":null,"
                + "\"payload\":{\"service\":\"turn-credentials-service\",\"actor\":\"u1\",\"role\":\"client\","
                + "\"action\":\"turn.credentials\",\"resource\":\"turn\",\"outcome\":\"allowed\",\"reason\":\"ok\"}}"));
        assertEquals("0b8e9c7e-1111-4a2b-9c3d-123456789abc", entry.id);
        assertEquals("turn-credentials-service", entry.service);
        assertEquals("allowed", entry.outcome);
        assertNull(entry.sessionId);
        assertNull(entry.clientIp);

        assertNull(AuditEventsConsumer.parse(JSON.readTree("{\"eventId\":\"x\",\"type\":\"Other\",\"payload\":{}}")));
        assertNull(AuditEventsConsumer.parse(JSON.readTree("{\"eventId\":\"x\",\"type\":\"AccessDecision\","
                + "\"occurredAt\":\"2026-01-01T10:00:00Z\",\"payload\":{\"service\":\"s\",\"actor\":\"a\",\"action\":\"x\","
                + "\"resource\":\"r\",\"outcome\":\"maybe\"}}")));
        assertNull(AuditEventsConsumer.parse(JSON.readTree("{\"eventId\":\"x\",\"type\":\"AccessDecision\","
                + "\"occurredAt\":\"yesterday\",\"payload\":{\"service\":\"s\",\"actor\":\"a\",\"action\":\"x\","
                + "\"resource\":\"r\",\"outcome\":\"denied\"}}")));
    }
}
