package com.smilingsteps.signaling.socket;

import static com.smilingsteps.signaling.support.Tickets.ticket;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.infra.testing.Readiness;
import com.smilingsteps.signaling.sessions.CallWindows;
import com.smilingsteps.signaling.support.SignalingClient;
import com.smilingsteps.signaling.ticket.GatedTicketVerifier;
import com.smilingsteps.signaling.ticket.JoinTicketVerifier;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/** A socket that closes while its join ticket is still being verified never becomes a room member. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class JoinCloseRaceTest {

    @TestHTTPResource("/ws/signaling")
    URI http;

    @Inject
    JWTAuthContextInfo accessTokenContext;

    @Inject
    CallWindows windows;

    @Test
    void aSocketClosedDuringTicketVerificationLeavesNoGhostInTheRoom() throws Exception {
        Readiness.await();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        String room = "room-" + UUID.randomUUID();
        String psychologist = "psy-" + UUID.randomUUID();
        String client = "client-" + UUID.randomUUID();
        try (SignalingClient psy = SignalingClient.connect(ws, TestJwt.accessToken(psychologist, "psychologist"))) {
            psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
            psy.await("existing-participants");

            GatedTicketVerifier gated = new GatedTicketVerifier(accessTokenContext, windows);
            QuarkusMock.installMockForType(gated, JoinTicketVerifier.class);
            SignalingClient leaving = SignalingClient.connect(ws, TestJwt.accessToken(client, "client"));
            leaving.send("join-room", "ticket", ticket(client, "client", room));
            assertTrue(gated.awaitStarted(), "the join's verification did not start");
            leaving.close();
            Thread.sleep(500); // the server handles the close while the verification still runs
            gated.open();

            // before the fix the closed socket was entered into the room and waited there for good
            psy.assertNothing("user-waiting", Duration.ofSeconds(2));
        }
    }
}
