package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Leave versus End in real browsers: a client who leaves the call can come back to the same
 * session, which stays In Progress; only the psychologist ends it, after confirming.
 */
@ExtendWith(StackExtension.class)
class LeaveAndEndIT {

    private static final Duration SHORT = Duration.ofSeconds(15);

    @Test
    void aClientLeavesAndRejoinsThenThePsychologistEndsTheSession(StackExtension.Harness harness) {
        Api api = harness.api();
        try (TwoPartyCall call = TwoPartyCall.connected(harness, "Leave", false)) {
            String id = call.session.id();
            assertEquals(0, call.client.byTestId("end-call-button").count(), "a client has no End control");

            call.clientRoom.click("leave-call-button");
            call.client.byTestId("current-user").waitFor();
            call.psychologist.byTestId("participant-left-dialog").waitFor();
            call.psychologist.screenshot(harness.screenshots(), "14-psychologist-client-left");
            call.psychologist.byTestId("participant-left-wait").click();
            assertEquals("In Progress", api.session(call.session.client(), id).path("status").asText(),
                    "leaving never completes the session");
            Api.Answer refused = api.tryPost("/api/video-calls/end/" + id, call.session.client().token(), Map.of());
            assertEquals(403, refused.status(), refused.body().toString());
            assertEquals("https://smilingsteps.local/problems/only-psychologist-ends", refused.body().path("type").asText());

            call.clientRoom = call.client.joinFromDashboard(id).join();
            TwoPartyCall.awaitConnectedAdmittingOnRequest(call.psychologistRoom, call.clientRoom);
            call.clientRoom.awaitFramesGrowing(10, TwoPartyCall.CONNECT_TIMEOUT);
            CallRoom.waitUntil("exactly one remote participant at the psychologist's", SHORT,
                    () -> call.psychologistRoom.participants().size() == 1 && call.psychologistRoom.remoteVideoCount() == 1);
            call.psychologistRoom.awaitFramesGrowing(10, TwoPartyCall.CONNECT_TIMEOUT);

            call.psychologistRoom.click("end-call-button");
            call.psychologist.byTestId("end-session-dialog").waitFor();
            call.psychologist.screenshot(harness.screenshots(), "15-psychologist-confirms-end");
            call.psychologist.byTestId("end-session-confirm").click();
            call.psychologist.byTestId("call-summary").waitFor();
            JsonNode session = api.session(call.session.psychologist(), id);
            assertEquals("Completed", session.path("status").asText(), session.toString());
            assertEquals("psychologist", session.path("endedBy").asText(), session.toString());
        }
    }
}
