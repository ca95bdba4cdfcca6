package com.smilingsteps.kit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.AuditEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.Topics;
import com.smilingsteps.infra.testing.Contracts;

class AccessDecisionTest {

    @Test
    void anUnknownActorIsAnonymousWithTheEmptyRole() {
        AccessDecision decision = AccessDecision.denied(null, null, "signaling.connect", "/ws/signaling",
                "no valid access token", "203.0.113.9");
        assertEquals(AuditEvent.ANONYMOUS, decision.actor());
        assertEquals("", decision.role());
        assertEquals(AccessDecision.denied(" ", "", "signaling.connect", "/ws/signaling", "no valid access token",
                "203.0.113.9"), decision);
    }

    @Test
    void theEventFollowsTheContractAndIsKeyedBySessionElseActor() {
        AccessDecision decision = AccessDecision.allowed("u1", "client", "turn.credentials", "/api/video-calls/config",
                "x".repeat(800), null);
        AuditEvent event = decision.toEvent("turn-credentials-service");
        Contracts.assertValid(Topics.AUDIT_EVENTS, EventJson.write(event));
        assertEquals(500, event.payload().reason().length());
        assertEquals("u1", event.key());

        AuditEvent inSession = decision.inSession("s1").withDetails(Map.of("peers", 2)).toEvent("signaling-service");
        Contracts.assertValid(Topics.AUDIT_EVENTS, EventJson.write(inSession));
        assertEquals("s1", inSession.key());
    }
}
