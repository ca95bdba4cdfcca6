package com.smilingsteps.bench.signaling;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.infra.testing.TestJwt;

/** The protocol messages the bench peers send (joins with fresh single-use tickets), and delivery timing of relays. */
final class BenchMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchMessages() {
    }

    /** Times a relayed {@link HarnessPayloads} message from the send time in its SDP or candidate line. */
    static void recordDelivery(JsonNode message, Histogram delivery, AtomicLong delivered) {
        String field = message.has("sdp") ? "sdp" : "candidate";
        long sentAt = HarnessPayloads.sentAt(message.path(field).path(field).asText(""));
        if (sentAt >= 0) {
            delivery.recordValue(Math.max(0, System.nanoTime() - sentAt));
            delivered.incrementAndGet();
        }
    }

    static String message(String type, String field, String value) {
        return JSON.createObjectNode().put("type", type).put(field, value).toString();
    }

    static String join(String userId, String role, String roomId) {
        String ticket = TestJwt.sign(TestJwt.claims(userId, role)
                .audience(TestJwt.TICKET_AUDIENCE)
                .claim("roomId", roomId)
                .claim("sessionId", "session-" + roomId)
                .claim("role", role)
                .claim("name", role)
                .claim("sessionType", "individual")
                .claim("jti", UUID.randomUUID().toString()) // signaling refuses tickets without one (single use)
                .expiresAt(Instant.now().plusSeconds(600)));
        return message("join-room", "ticket", ticket);
    }
}
