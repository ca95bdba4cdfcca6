package com.smilingsteps.session.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.contracts.AuditBatch;
import com.smilingsteps.contracts.EventJson;

class AuditEventsParseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheContractFieldsAndRejectsWhatIsNotAnAccessDecision() throws Exception {
        List<AuditRecord> entries = AuditEventsConsumer.parse(JSON.readTree("{\"eventId\":\"0b8e9c7e-1111-4a2b-9c3d-123456789abc\","
                + "\"type\":\"AccessDecision\",\"version\":1,\"occurredAt\":\"2026-01-01T10:00:00Z\",\"sessionId\":null,"
                + "\"payload\":{\"service\":\"turn-credentials-service\",\"actor\":\"u1\",\"role\":\"client\","
                + "\"action\":\"turn.credentials\",\"resource\":\"turn\",\"outcome\":\"allowed\",\"reason\":\"ok\"}}"));
        assertEquals(1, entries.size());
        AuditRecord entry = entries.get(0);
        assertEquals("0b8e9c7e-1111-4a2b-9c3d-123456789abc", entry.id);
        assertEquals("turn-credentials-service", entry.service);
        assertEquals("allowed", entry.outcome);
        assertNull(entry.sessionId);
        assertNull(entry.clientIp);

        assertTrue(AuditEventsConsumer.parse(JSON.readTree("{\"eventId\":\"x\",\"type\":\"Other\",\"payload\":{}}")).isEmpty());
        assertTrue(AuditEventsConsumer.parse(JSON.readTree("{\"eventId\":\"x\",\"type\":\"AccessDecision\","
                + "\"occurredAt\":\"2026-01-01T10:00:00Z\",\"payload\":{\"service\":\"s\",\"actor\":\"a\",\"action\":\"x\","
                + "\"resource\":\"r\",\"outcome\":\"maybe\"}}")).isEmpty());
        assertTrue(AuditEventsConsumer.parse(JSON.readTree("{\"eventId\":\"x\",\"type\":\"AccessDecision\","
                + "\"occurredAt\":\"yesterday\",\"payload\":{\"service\":\"s\",\"actor\":\"a\",\"action\":\"x\","
                + "\"resource\":\"r\",\"outcome\":\"denied\"}}")).isEmpty());
    }

    @Test
    void aBatchBecomesOneEntryPerActorAndSessionWithItsCountAndTimes() throws Exception {
        Instant first = Instant.parse("2026-11-29T10:00:00.250Z");
        AuditBatch batch = AuditBatch.of("turn-credentials-service", List.of(
                new AuditBatch.Entry(null, "u1", "client", "turn.credentials", "/api/video-calls/config", "allowed",
                        "participant of a session open now", "203.0.113.9", 3, first, first.plusMillis(700),
                        Map.of("ttlSeconds", 7200)),
                new AuditBatch.Entry("s2", "u2", "psychologist", "turn.credentials", "/api/video-calls/config",
                        "allowed", "participant of a session open now", null, 1, first, first, null)));
        List<AuditRecord> entries = AuditEventsConsumer.parse(EventJson.tree(EventJson.write(batch)));
        assertEquals(2, entries.size());
        AuditRecord u1 = entries.get(0);
        assertEquals(batch.eventId() + "/0", u1.id, "a redelivered batch has the same ids");
        assertEquals(first, u1.occurredAt, "it occurred when the first of its decisions did");
        assertEquals("u1", u1.actor);
        assertEquals("client", u1.role);
        assertEquals("turn-credentials-service", u1.service);
        assertEquals("turn.credentials", u1.action);
        assertEquals("allowed", u1.outcome);
        assertEquals("203.0.113.9", u1.clientIp);
        assertNull(u1.sessionId);
        assertEquals(3L, u1.details.get("count"));
        assertEquals(7200, u1.details.get("ttlSeconds"));
        assertEquals(first.toString(), u1.details.get("firstSeen"));
        assertEquals(first.plusMillis(700).toString(), u1.details.get("lastSeen"));
        AuditRecord u2 = entries.get(1);
        assertEquals(batch.eventId() + "/1", u2.id);
        assertEquals("s2", u2.sessionId);
        assertEquals(1L, u2.details.get("count"));

        String json = EventJson.write(batch);
        assertTrue(AuditEventsConsumer.parse(EventJson.tree(json.replace("\"count\":3", "\"count\":0"))).isEmpty(),
                "a batch with a broken entry is skipped whole");
        assertTrue(AuditEventsConsumer.parse(EventJson.tree(json.replace("\"outcome\":\"allowed\"", "\"outcome\":\"maybe\"")))
                .isEmpty());
        assertTrue(AuditEventsConsumer.parse(EventJson.tree(json.replace("\"decisions\":[", "\"decisions\":\"x\",\"y\":[")))
                .isEmpty());
    }
}
