package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Nobody pressed End: both people close their tabs in the middle of a call. The session must not
 * stay In Progress for ever; once the room has been empty for the abandon delay (shortened for the
 * test stack, see {@link StackExtension}) the system completes it, with the call's duration.
 */
@ExtendWith(StackExtension.class)
class AbandonedCallIT {

    @Test
    void bothTabsClosedMidCallTheSessionCompletesByItself(StackExtension.Harness harness) {
        Api api = harness.api();
        String id;
        Api.Account psychologist;
        Instant closed;
        try (TwoPartyCall call = TwoPartyCall.connected(harness, "Abandoned", false)) {
            id = call.session.id();
            psychologist = call.session.psychologist();
            assertEquals("In Progress", api.session(psychologist, id).path("status").asText());
        }
        closed = Instant.now();

        JsonNode[] session = new JsonNode[1];
        CallRoom.waitUntil("the abandoned session completed by the system",
                StackExtension.CALL_ABANDON_AFTER.plus(Duration.ofSeconds(60)), () -> {
                    session[0] = api.session(psychologist, id);
                    return "Completed".equals(session[0].path("status").asText());
                }, () -> "(session " + session[0] + ")");
        Duration waited = Duration.between(closed, Instant.now());
        System.out.printf("e2e: abandoned call completed %.1f s after both tabs closed%n", waited.toMillis() / 1e3);
        assertEquals("system", session[0].path("endedBy").asText(), session[0].toString());
        assertTrue(!waited.minus(StackExtension.CALL_ABANDON_AFTER).isNegative(),
                "not before the room had been empty for the abandon delay: " + waited);
        assertTrue(session[0].path("callDuration").isInt() && session[0].path("callDuration").asInt() >= 0,
                session[0].toString());
        assertTrue(session[0].hasNonNull("videoCallEnded"), session[0].toString());
    }
}
