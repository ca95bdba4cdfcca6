package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * Real calls between two chromium contexts (a client and a psychologist, each with fake camera
 * and microphone) through the whole system: gateway, session, signaling and TURN services,
 * embedded Kafka and MongoDB, and coturn.
 */
@ExtendWith(StackExtension.class)
class CallIT {

    private static final Duration SHORT = Duration.ofSeconds(15);

    @Test
    void clientRegistersBooksAndPaysThenBothSeeAndHearEachOther(StackExtension.Harness harness) {
        Api api = harness.api();
        Api.Account psychologistAccount = api.newPsychologist(harness.stack().admin(), "Dr Wanjiru Kamau");
        String clientEmail = "amani-" + UUID.randomUUID().toString().substring(0, 8) + "@e2e.smilingsteps.test";
        Api.Account clientAccount = new Api.Account(null, "Amani Otieno", clientEmail, "Amani-pass-123", "client", null);
        try (Participant client = Participant.open(harness.browser(), harness.stack().baseUrl(), clientAccount);
                Participant psychologist = Participant.open(harness.browser(), harness.stack().baseUrl(), psychologistAccount)) {
            Page page = client.page();
            page.navigate(harness.stack().baseUrl() + "/register");
            client.byTestId("register-name").fill(clientAccount.name());
            client.byTestId("register-email").fill(clientAccount.email());
            client.byTestId("register-password").fill(clientAccount.password());
            client.byTestId("register-consent").check();
            client.byTestId("register-submit").click();
            client.byTestId("register-sent").waitFor();
            // The registration signs nobody in: the link in the verification email does.
            page.navigate(api.inbox().linkIn(clientAccount.email(), "Confirm your email address", Duration.ofSeconds(60)));
            client.byTestId("current-user").waitFor();

            // A session starting in a few minutes (inside the join window) is a phone booking by an admin:
            // clients book free slots at least 2 h ahead (SlotBookingIT covers that in the browser).
            api.book(harness.stack().admin(), api.login(clientAccount.email(), clientAccount.password()), psychologistAccount,
                    Duration.ofMinutes(5));
            client.dashboard();
            Locator card = client.byTestId("session-card").first();
            card.waitFor();
            String sessionId = card.getAttribute("data-session-id");
            assertTrue(sessionId != null && !sessionId.isBlank(), "the booked session's card names its id");

            client.payWithSimulatedMpesa(sessionId);
            client.screenshot(harness.screenshots(), "01-client-payment-confirmed");
            client.byTestId("pay-close").click();
            client.byTestId("join-video-call-button").first().waitFor();
            CallRoom.waitUntil("Join Video Call enabled once paid", SHORT,
                    () -> client.byTestId("join-video-call-button").first().isEnabled());
            client.screenshot(harness.screenshots(), "02-client-dashboard-paid");
            assertEquals("Confirmed", api.session(psychologistAccount, sessionId).path("status").asText());

            psychologist.login();
            psychologist.screenshot(harness.screenshots(), "03-psychologist-dashboard");
            CallRoom psychologistRoom = psychologist.joinFromDashboard(sessionId).join();
            psychologistRoom.awaitStatus("waiting-participant", SHORT);

            client.dashboard();
            CallRoom clientRoom = client.joinFromDashboard(sessionId).join();
            clientRoom.awaitStatus("waiting-room", SHORT);
            psychologist.byTestId("waiting-entry").first().waitFor();
            psychologist.screenshot(harness.screenshots(), "04-psychologist-waiting-room");
            psychologistRoom.admitWaiting();

            psychologistRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
            clientRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
            psychologistRoom.awaitFramesGrowing(30, TwoPartyCall.CONNECT_TIMEOUT);
            clientRoom.awaitFramesGrowing(30, TwoPartyCall.CONNECT_TIMEOUT);
            psychologistRoom.awaitAudioFlowing(50, SHORT);
            clientRoom.awaitAudioFlowing(50, SHORT);
            assertAll(
                    () -> assertEquals(1, psychologistRoom.remoteVideoCount(), "one remote video at the psychologist's"),
                    () -> assertEquals(1, clientRoom.remoteVideoCount(), "one remote video at the client's"));
            for (CallRoom room : List.of(psychologistRoom, clientRoom)) {
                List<Map<String, Object>> pairs = room.selectedCandidatePairs();
                assertEquals(1, pairs.size(), "one peer connection: " + pairs);
                assertNotEquals("relay", pairs.get(0).get("local"),
                        "two browsers on one machine reach each other directly unless relay is forced: " + pairs);
            }
            client.screenshot(harness.screenshots(), "05-call-room-client");
            psychologist.screenshot(harness.screenshots(), "06-call-room-psychologist");
        }

        Api.Account admin = harness.stack().admin();
        try (Participant adminPage = Participant.open(harness.browser(), harness.stack().baseUrl(), admin)) {
            adminPage.login();
            adminPage.byTestId("admin-session-row").first().waitFor();
            adminPage.screenshot(harness.screenshots(), "07-admin-sessions");
            adminPage.byTestId("admin-tab-audit").click();
            adminPage.byTestId("audit-row").first().waitFor();
            adminPage.screenshot(harness.screenshots(), "08-admin-audit-log");
        }
    }

    @Test
    void forcedRelayCallGoesThroughTheEmbeddedCoturn(StackExtension.Harness harness) {
        int turnPort = harness.stack().turnPort(); // fails at once, and says why, without coturn
        try (TwoPartyCall call = TwoPartyCall.prepare(harness, "Relay")) {
            // Two ways to force relay: the psychologist through the SPA's switch (?iceTransportPolicy=relay),
            // the client through the server's config answer, given here the policy that
            // TURN_ICE_TRANSPORT_POLICY=relay makes turn-credentials-service send (its own tests cover that
            // setting; a second stack just for it would double this suite's run time).
            java.util.concurrent.atomic.AtomicInteger rewritten = new java.util.concurrent.atomic.AtomicInteger();
            call.client.page().route("**/api/video-calls/config", route -> {
                var answer = route.fetch();
                String body = answer.text();
                String relayOnly = body.replace("\"iceTransportPolicy\":\"all\"", "\"iceTransportPolicy\":\"relay\"");
                if (!relayOnly.equals(body)) {
                    rewritten.incrementAndGet();
                }
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(answer).setBody(relayOnly));
            });
            call.psychologistRoom = call.psychologist.openCall(call.session.id(), true).join();
            call.clientRoom = call.client.openCall(call.session.id(), false).join();
            call.admitAndConnect();
            assertTrue(rewritten.get() > 0, "the client's config answer carried iceTransportPolicy all, made relay");
            for (CallRoom room : List.of(call.psychologistRoom, call.clientRoom)) {
                List<Map<String, Object>> pairs = room.selectedCandidatePairs();
                assertEquals(1, pairs.size(), "one peer connection: " + pairs);
                Map<String, Object> pair = pairs.get(0);
                assertEquals("relay", pair.get("local"), "local candidate of the selected pair: " + pair);
                assertEquals("relay", pair.get("remote"), "remote candidate of the selected pair: " + pair);
                assertTrue(String.valueOf(pair.get("localUrl")).contains("127.0.0.1:" + turnPort),
                        "the relay candidate was allocated on the embedded coturn (port " + turnPort + "): " + pair);
            }
            call.psychologistRoom.awaitAudioFlowing(50, SHORT);
            call.clientRoom.awaitAudioFlowing(50, SHORT);
            call.client.screenshot(harness.screenshots(), "09-call-room-relay");
        }
    }

    @Test
    void cameraOffStopsFramesAtTheOtherSide(StackExtension.Harness harness) {
        try (TwoPartyCall call = TwoPartyCall.connected(harness, "Camera", false)) {
            call.clientRoom.click("toggle-camera-button");
            CallRoom.waitUntil("the camera button shows the camera off", SHORT,
                    () -> "true".equals(call.clientRoom.pressed("toggle-camera-button")));
            Api.sleep(1500); // frames already in flight
            long before = call.psychologistRoom.framesDecoded();
            Api.sleep(3000);
            long after = call.psychologistRoom.framesDecoded();
            assertTrue(after - before <= 2, "no new frames at the psychologist's while the client's camera is off: "
                    + before + " -> " + after);
            call.psychologist.screenshot(harness.screenshots(), "10-call-room-remote-camera-off");

            call.clientRoom.click("toggle-camera-button");
            call.psychologistRoom.awaitFramesGrowing(20, SHORT);
            assertEquals("false", call.clientRoom.pressed("toggle-camera-button"));
        }
    }

    @Test
    void screenShareSwitchesTheSentVideoTrack(StackExtension.Harness harness) {
        try (TwoPartyCall call = TwoPartyCall.connected(harness, "Screen", false)) {
            List<String> camera = call.clientRoom.videoSenderTracks();
            assertEquals(1, camera.size(), "one video sender: " + camera);
            assertNotEquals("none", camera.get(0));

            call.clientRoom.click("toggle-screen-button");
            CallRoom.waitUntil("the client's video sender carrying another track than the camera", SHORT,
                    () -> !call.clientRoom.videoSenderTracks().equals(camera)
                            && !call.clientRoom.videoSenderTracks().contains("none"));
            assertEquals("true", call.clientRoom.pressed("toggle-screen-button"));
            call.psychologistRoom.awaitFramesGrowing(10, SHORT);
            assertEquals(1, call.psychologistRoom.peerConnectionCount(), "the track was replaced, not renegotiated into a second link");
            call.psychologist.screenshot(harness.screenshots(), "11-call-room-remote-screen-share");

            call.clientRoom.click("toggle-screen-button");
            CallRoom.waitUntil("the camera back on the video sender", SHORT, () -> {
                String track = call.clientRoom.videoSenderTracks().get(0);
                return label(track).equals(label(camera.get(0)));
            });
            call.psychologistRoom.awaitFramesGrowing(10, SHORT);
        }
    }

    @Test
    void chatMessageArrivesAtTheOtherSide(StackExtension.Harness harness) {
        try (TwoPartyCall call = TwoPartyCall.connected(harness, "Chat", false)) {
            String text = "Habari, can you hear me? " + UUID.randomUUID().toString().substring(0, 6);
            call.clientRoom.click("toggle-chat-button");
            call.client.byTestId("chat-input").fill(text);
            call.client.byTestId("chat-send").click();

            call.psychologistRoom.click("toggle-chat-button");
            Locator received = call.psychologist.page()
                    .locator("[data-testid=chat-message][data-mine=false]").filter(new Locator.FilterOptions().setHasText(text));
            received.waitFor();
            assertEquals(1, received.count(), "the message arrives once");
            call.client.page().locator("[data-testid=chat-message][data-mine=true]")
                    .filter(new Locator.FilterOptions().setHasText(text)).waitFor();
            call.psychologist.screenshot(harness.screenshots(), "12-call-room-chat");
        }
    }

    @Test
    void endCallStoresTheDurationAndShowsTheSummary(StackExtension.Harness harness) {
        try (TwoPartyCall call = TwoPartyCall.connected(harness, "End", false)) {
            call.psychologistRoom.click("end-call-button");
            call.psychologist.byTestId("end-session-confirm").click();
            Locator summary = call.psychologist.byTestId("call-summary");
            summary.waitFor();
            Matcher shown = Pattern.compile("Session completed\\. Duration: (\\d+) minutes").matcher(summary.innerText());
            assertTrue(shown.find(), "summary text: " + summary.innerText());
            call.psychologist.screenshot(harness.screenshots(), "13-psychologist-dashboard-after-call");
            // signaling learns of the completed session and takes the client out of the room, telling why
            Locator ended = call.client.byTestId("call-fatal-dialog");
            ended.waitFor();
            assertTrue(ended.innerText().contains("The session is Completed."), "client's dialog: " + ended.innerText());
            call.client.screenshot(harness.screenshots(), "13b-client-session-ended");

            JsonNode session = harness.api().session(call.session.client(), call.session.id());
            assertEquals("Completed", session.path("status").asText(), "session after the end: " + session);
            assertTrue(session.hasNonNull("callDuration"), "the duration is stored: " + session);
            assertEquals(session.path("callDuration").asInt(), Integer.parseInt(shown.group(1)),
                    "the summary shows the stored duration");
            assertTrue(session.hasNonNull("videoCallStarted") && session.hasNonNull("videoCallEnded"), session.toString());
            // Both browsers report the call's quality (operators watch success rate and relay share from these).
            CallRoom.waitUntil("a 'connected' quality report with its candidate type from each side", SHORT,
                    () -> hasConnectedReport(harness, call, "client") && hasConnectedReport(harness, call, "psychologist"),
                    () -> harness.api().session(call.session.client(), call.session.id()).path("callQuality").toString());
        }
    }

    @Test
    void signalingDropReconnectsWithoutAGhostParticipant(StackExtension.Harness harness) {
        try (TwoPartyCall call = TwoPartyCall.connected(harness, "Reconnect", false)) {
            call.clientRoom.closeSignalingSocket();
            CallRoom.waitUntil("the client's signaling socket open again", Duration.ofSeconds(30),
                    call.clientRoom::signalingOpen);
            call.clientRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
            call.psychologistRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
            call.assertReconnectedWithoutGhosts();
            assertFalse(call.psychologist.byTestId("waiting-entry").count() > 0,
                    "the rejoining client is not sent back to the waiting room");
        }
    }

    @Test
    void signalingServiceRestartMidCallKeepsMediaAndRejoinsBothSides(StackExtension.Harness harness) {
        try (TwoPartyCall call = TwoPartyCall.connected(harness, "Restart", false)) {
            harness.stack().devStack().stopService("signaling-service");
            try {
                // The media path is peer to peer: it does not need the signaling server.
                call.psychologistRoom.awaitFramesGrowing(20, SHORT);
                call.clientRoom.awaitFramesGrowing(20, SHORT);
            } finally {
                harness.stack().devStack().startService("signaling-service");
            }

            CallRoom.waitUntil("both signaling sockets open again", Duration.ofSeconds(60),
                    () -> call.clientRoom.signalingOpen() && call.psychologistRoom.signalingOpen());
            // Rooms live in the signaling instance's memory: a client back before the psychologist
            // waits to be admitted again, as on any new instance; the psychologist admits them.
            TwoPartyCall.awaitConnectedAdmittingOnRequest(call.psychologistRoom, call.clientRoom);
            call.assertReconnectedWithoutGhosts();
        }
    }

    @Test
    void deniedCameraAndMicrophoneShowThePermissionDialog(StackExtension.Harness harness) {
        Api.PaidSession session = harness.api().paidSession(harness.stack().admin(), "Permissions");
        try (Participant client = Participant.open(harness.promptingBrowser(), harness.stack().baseUrl(), session.client())) {
            client.login().openCall(session.id(), false);
            client.byTestId("permission-dialog").waitFor();
            assertTrue(client.byTestId("permission-retry").isVisible(), "the dialog offers to try again");
            assertFalse(client.byTestId("precall-join-button").isEnabled(), "no joining without camera and microphone");
            client.screenshot(harness.screenshots(), "14-permission-denied");
        }
    }

    @Test
    void nonParticipantOpeningTheCallLinkIsRefused(StackExtension.Harness harness) {
        Api.PaidSession session = harness.api().paidSession(harness.stack().admin(), "Refusal");
        Api.Account stranger = harness.api().newClient("Stranger");
        try (Participant intruder = Participant.open(harness.browser(), harness.stack().baseUrl(), stranger)) {
            intruder.login().openCall(session.id(), false);
            intruder.byTestId("call-refused").waitFor();
            assertFalse(intruder.byTestId("call-refused-detail").innerText().isBlank(), "the refusal says why");
            assertEquals(0, intruder.byTestId("precall-join-button").count(), "no way to join");
            intruder.screenshot(harness.screenshots(), "15-call-refused");
        }
        Api.Answer ticket = harness.api().tryGet("/api/video-calls/session/" + session.id(), stranger.token());
        assertEquals(403, ticket.status(), "the API refuses the stranger too: " + ticket.body());
    }

    private static boolean hasConnectedReport(StackExtension.Harness harness, TwoPartyCall call, String role) {
        for (JsonNode report : harness.api().session(call.session.client(), call.session.id()).path("callQuality")) {
            if (role.equals(report.path("role").asText()) && "connected".equals(report.path("outcome").asText())
                    && !report.path("candidateType").asText("").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static String label(String senderTrack) {
        int bar = senderTrack.indexOf('|');
        return bar < 0 ? senderTrack : senderTrack.substring(bar + 1);
    }
}
