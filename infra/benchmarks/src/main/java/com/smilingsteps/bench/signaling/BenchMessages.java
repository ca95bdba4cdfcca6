package com.smilingsteps.bench.signaling;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smilingsteps.infra.testing.TestJwt;

/** The protocol messages the bench peers send: joins with fresh single-use tickets, timestamped relays. */
final class BenchMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchMessages() {
    }

    static void recordDelivery(JsonNode message, Histogram delivery, AtomicLong delivered) {
        JsonNode payload = message.has("sdp") ? message.get("sdp") : message.get("candidate");
        if (payload != null && payload.has("t")) {
            delivery.recordValue(Math.max(0, System.nanoTime() - payload.get("t").asLong()));
            delivered.incrementAndGet();
        }
    }

    /** A relayed message whose payload carries its send time, like a small SDP or candidate. */
    static String relay(String type, String to, String field) {
        ObjectNode message = JSON.createObjectNode().put("type", type).put("to", to);
        message.putObject(field).put("t", System.nanoTime())
                .put(field.equals("sdp") ? "sdp" : "candidate", field.equals("sdp")
                        ? "v=0 o=- 4611731400430051336 2 IN IP4 127.0.0.1 s=- t=0 0 a=group:BUNDLE 0 1"
                        : "candidate:842163049 1 udp 1677729535 192.0.2.10 46154 typ srflx raddr 10.0.0.1 rport 46154");
        return message.toString();
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
