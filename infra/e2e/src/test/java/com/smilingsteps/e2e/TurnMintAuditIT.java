package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * TURN mints are audited in batches (issue 16): through the real gateway, turn-credentials-service,
 * Kafka and session-service, an admin's audit trail shows who minted and when, within seconds,
 * with how many mints one entry stands for, and never the credential.
 */
@ExtendWith(StackExtension.class)
class TurnMintAuditIT {

    @Test
    void anAdminSeesWhoMintedHowOftenAndWhen(StackExtension.Harness harness) throws Exception {
        Api api = harness.api();
        Api.Account admin = harness.stack().admin();
        Api.PaidSession session = api.paidSession(admin, "Mint");
        Instant before = Instant.now().minusSeconds(1);
        String credential = null;
        for (int i = 0; i < 3; i++) {
            JsonNode config = api.get("/api/video-calls/config", session.client().token());
            for (JsonNode server : config.path("iceServers")) {
                if (server.hasNonNull("credential")) {
                    credential = server.path("credential").asText();
                }
            }
        }
        api.get("/api/video-calls/config", session.psychologist().token());
        Instant after = Instant.now().plusSeconds(1);

        String query = "/api/admin/audit?action=turn.credentials&actor=";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode clients = api.get(query + session.client().id(), admin.token());
        while (mints(clients) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            clients = api.get(query + session.client().id(), admin.token());
        }
        assertEquals(3, mints(clients), "the client's three mints: " + clients);
        for (JsonNode entry : clients.path("items")) {
            assertEquals("turn-credentials-service", entry.path("service").asText());
            assertEquals("allowed", entry.path("outcome").asText());
            assertEquals("client", entry.path("role").asText());
            assertEquals(session.id(), entry.path("sessionId").asText(), "the session minted for");
            Instant first = Instant.parse(entry.path("details").path("firstSeen").asText());
            Instant last = Instant.parse(entry.path("details").path("lastSeen").asText());
            assertTrue(!first.isBefore(before) && !last.isAfter(after) && !last.isBefore(first), entry.toString());
            assertEquals(first, Instant.parse(entry.path("occurredAt").asText()), "dated by its first mint");
            assertFalse(entry.toString().contains(credential), "the credential is never audited: " + entry);
        }
        JsonNode psychologists = api.get(query + session.psychologist().id(), admin.token());
        while (mints(psychologists) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            psychologists = api.get(query + session.psychologist().id(), admin.token());
        }
        assertEquals(1, mints(psychologists), psychologists.toString());
        assertEquals("psychologist", psychologists.at("/items/0/role").asText());
    }

    private static long mints(JsonNode page) {
        long count = 0;
        for (JsonNode entry : page.path("items")) {
            count += entry.path("details").path("count").asLong();
        }
        return count;
    }
}
