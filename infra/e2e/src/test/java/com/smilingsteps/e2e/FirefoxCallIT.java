package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calls across browsers: the psychologist in chromium (Playwright), the client in Debian's
 * firefox-esr (puppeteer-core over WebDriver BiDi, {@link FirefoxBrowser}), both on the SPA's
 * test build, through the whole system. Firefox has no H264 here and negotiates differently
 * (its own ICE ufrags, rollback, stats): both sides must decode the other's video and receive
 * audio, directly and through coturn, and come back after the Firefox side loses its
 * signaling socket or reloads the page.
 */
@ExtendWith(StackExtension.class)
class FirefoxCallIT {

    private static final Duration SHORT = Duration.ofSeconds(15);

    private static FirefoxBrowser firefox;

    @BeforeAll
    static void launchFirefox() {
        firefox = FirefoxBrowser.launch();
        System.out.printf("e2e: %s launched in %d ms%n", firefox.version, firefox.launchMillis);
    }

    @AfterAll
    static void closeFirefox() {
        if (firefox != null) {
            firefox.close();
        }
    }

    /** A chromium psychologist and a firefox client of one paid session, both signed in. */
    private record CrossBrowserCall(Participant psychologist, FirefoxParticipant client, String sessionId)
            implements AutoCloseable {

        static CrossBrowserCall prepare(StackExtension.Harness harness, String label) {
            Api.PaidSession session = harness.api().paidSession(harness.stack().admin(), label);
            String baseUrl = harness.stack().baseUrl();
            Participant psychologist = Participant.open(harness.browser(), baseUrl, session.psychologist());
            FirefoxParticipant client;
            try {
                client = FirefoxParticipant.open(firefox, baseUrl, TestSpaBuild.servedFor(baseUrl), session.client());
            } catch (RuntimeException e) {
                psychologist.close();
                throw e;
            }
            CrossBrowserCall call = new CrossBrowserCall(psychologist, client, session.id());
            try {
                psychologist.login();
                client.login();
                return call;
            } catch (RuntimeException | AssertionError e) {
                call.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                client.close();
            } finally {
                psychologist.close();
            }
        }
    }

    @Test
    void chromiumAndFirefoxCallDirectlyAndReconnectAfterFirefoxLosesSignaling(StackExtension.Harness harness) {
        try (CrossBrowserCall call = CrossBrowserCall.prepare(harness, "CrossDirect")) {
            CallRoom psychologistRoom = call.psychologist().openCall(call.sessionId(), false).join();
            CallRoom clientRoom = call.client().openCall(call.sessionId(), false).join();
            connectAndMeasure("direct", psychologistRoom, clientRoom);
            assertMediaBothWays(psychologistRoom, clientRoom);
            for (CallRoom room : List.of(psychologistRoom, clientRoom)) {
                Map<String, Object> pair = onlyPair(room);
                assertNotEquals("relay", pair.get("local"), "a direct call is not relayed: " + pair);
                assertNotEquals("relay", pair.get("remote"), "a direct call is not relayed: " + pair);
            }
            call.client().screenshot(harness.screenshots(), "16-firefox-client-in-call");

            clientRoom.closeSignalingSocket();
            CallRoom.waitUntil("firefox's signaling socket open again", Duration.ofSeconds(30), clientRoom::signalingOpen);
            TwoPartyCall.awaitConnectedAdmittingOnRequest(psychologistRoom, clientRoom);
            explained(psychologistRoom, clientRoom, () -> TwoPartyCall.assertReconnectedWithoutGhosts(psychologistRoom, clientRoom));
            assertMediaBothWays(psychologistRoom, clientRoom);

            // A network change restarts ICE: a new offer from either side, answered by the other
            // browser. Firefox answers the DTLS client's offer with a=setup:active, which chromium
            // refused ("Failed to set SSL role"), leaving the restart undone.
            for (CallRoom restarting : List.of(psychologistRoom, clientRoom)) {
                restartIceAndAwaitRenegotiated(restarting, psychologistRoom, clientRoom);
                assertMediaBothWays(psychologistRoom, clientRoom);
            }
        }
    }

    /** Restarts ICE on one side; both sides end stable with new ICE credentials on the restarting side. */
    private static void restartIceAndAwaitRenegotiated(CallRoom restarting, CallRoom psychologistRoom, CallRoom clientRoom) {
        String who = restarting == psychologistRoom ? "chromium" : "firefox";
        Map<String, Object> before = onlyNegotiation(restarting);
        // Chromium's descriptions tell its DTLS role truly; Firefox's own answers may claim "active" as server.
        System.out.printf("e2e: ICE restart by %s (chromium is the DTLS %s)%n", who,
                Boolean.TRUE.equals(onlyNegotiation(psychologistRoom).get("dtlsClient")) ? "client" : "server");
        restarting.restartIce();
        CallRoom.waitUntil("the ICE restart by " + who + " negotiated (new ufrag, both sides stable)", SHORT, () -> {
            Map<String, Object> now = onlyNegotiation(restarting);
            return !before.get("ufrag").equals(now.get("ufrag")) && "stable".equals(now.get("signalingState"))
                    && "stable".equals(onlyNegotiation(restarting == psychologistRoom ? clientRoom : psychologistRoom)
                            .get("signalingState"));
        }, () -> "(chromium " + psychologistRoom.negotiationStates() + ", firefox " + clientRoom.negotiationStates() + ")");
        psychologistRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
        clientRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
    }

    private static Map<String, Object> onlyNegotiation(CallRoom room) {
        List<Map<String, Object>> states = room.negotiationStates();
        assertEquals(1, states.size(), "one peer connection: " + states);
        return states.get(0);
    }

    @Test
    void chromiumAndFirefoxCallThroughCoturnAndRejoinAfterFirefoxReloads(StackExtension.Harness harness) {
        int turnPort = harness.stack().turnPort(); // fails at once, and says why, without coturn
        try (CrossBrowserCall call = CrossBrowserCall.prepare(harness, "CrossRelay")) {
            CallRoom psychologistRoom = call.psychologist().openCall(call.sessionId(), true).join();
            CallRoom clientRoom = call.client().openCall(call.sessionId(), true).join();
            connectAndMeasure("relay", psychologistRoom, clientRoom);
            assertMediaBothWays(psychologistRoom, clientRoom);
            assertRelayed(psychologistRoom, clientRoom, turnPort);

            // A reload loses the page's call (and the ?iceTransportPolicy=relay switch stays in its URL):
            // the client joins again from the pre-call check and the psychologist keeps one link to them.
            CallRoom rejoined = call.client().reload().join();
            TwoPartyCall.awaitConnectedAdmittingOnRequest(psychologistRoom, rejoined);
            explained(psychologistRoom, rejoined, () -> TwoPartyCall.assertReconnectedWithoutGhosts(psychologistRoom, rejoined));
            assertMediaBothWays(psychologistRoom, rejoined);
            assertRelayed(psychologistRoom, rejoined, turnPort);
        }
    }

    /**
     * Admits the client, then prints how long after the admission each side decoded its first
     * remote frame (a figure for the reader, not a speed assertion) and the codecs each side decodes.
     */
    private static void connectAndMeasure(String label, CallRoom psychologistRoom, CallRoom clientRoom) {
        clientRoom.awaitStatus("waiting-room", Duration.ofSeconds(20));
        long admitted = System.nanoTime();
        psychologistRoom.admitWaiting();
        long[] firstFrame = {0, 0};
        CallRoom.waitUntil("a first remote frame on both sides", TwoPartyCall.CONNECT_TIMEOUT, () -> {
            if (firstFrame[0] == 0 && psychologistRoom.framesDecoded() > 0) {
                firstFrame[0] = System.nanoTime();
            }
            if (firstFrame[1] == 0 && clientRoom.framesDecoded() > 0) {
                firstFrame[1] = System.nanoTime();
            }
            return firstFrame[0] != 0 && firstFrame[1] != 0;
        }, () -> "(psychologist " + psychologistRoom.engineState() + ", client " + clientRoom.engineState() + ")");
        System.out.printf("e2e: %s firefox->chromium first frame %d ms, chromium->firefox first frame %d ms after admission;"
                + " chromium decodes %s, firefox decodes %s%n", label,
                (firstFrame[0] - admitted) / 1_000_000, (firstFrame[1] - admitted) / 1_000_000,
                psychologistRoom.inboundCodecs(), clientRoom.inboundCodecs());
        psychologistRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
        clientRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
    }

    /**
     * Video frames decoded and audio packets received keep growing on both sides. A new peer
     * connection (after a reconnect) starts at a low send rate and ramps up: the connect timeout.
     */
    private static void assertMediaBothWays(CallRoom psychologistRoom, CallRoom clientRoom) {
        explained(psychologistRoom, clientRoom, () -> {
            psychologistRoom.awaitFramesGrowing(20, TwoPartyCall.CONNECT_TIMEOUT);
            clientRoom.awaitFramesGrowing(20, TwoPartyCall.CONNECT_TIMEOUT);
            psychologistRoom.awaitAudioFlowing(50, SHORT);
            clientRoom.awaitAudioFlowing(50, SHORT);
        });
    }

    /** Runs {@code check}; a failure carries both sides' media statistics. */
    private static void explained(CallRoom psychologistRoom, CallRoom clientRoom, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n chromium: " + psychologistRoom.mediaDiagnosis()
                    + "\n firefox: " + clientRoom.mediaDiagnosis(), e);
        }
    }

    private static void assertRelayed(CallRoom psychologistRoom, CallRoom clientRoom, int turnPort) {
        Map<String, Object> chromium = onlyPair(psychologistRoom);
        Map<String, Object> firefoxPair = onlyPair(clientRoom);
        assertAll(
                () -> assertEquals("relay", chromium.get("local"), "chromium's local candidate: " + chromium),
                () -> assertEquals("relay", chromium.get("remote"), "chromium's remote candidate: " + chromium),
                () -> assertTrue(String.valueOf(chromium.get("localUrl")).contains("127.0.0.1:" + turnPort),
                        "chromium's relay candidate was allocated on the embedded coturn (port " + turnPort + "): " + chromium),
                () -> assertEquals("relay", firefoxPair.get("local"), "firefox's local candidate: " + firefoxPair),
                // Firefox may meet chromium's relay address in a connectivity check before its candidate
                // arrives through signaling, and then calls it peer-reflexive: the same address.
                () -> assertEquals(chromium.get("localPort"), firefoxPair.get("remotePort"),
                        "firefox's remote candidate is chromium's relay candidate: " + firefoxPair + " / " + chromium),
                () -> assertEquals(chromium.get("remotePort"), firefoxPair.get("localPort"),
                        "chromium's remote candidate is firefox's relay candidate: " + chromium + " / " + firefoxPair));
    }

    private static Map<String, Object> onlyPair(CallRoom room) {
        List<Map<String, Object>> pairs = room.selectedCandidatePairs();
        assertEquals(1, pairs.size(), "one peer connection: " + pairs);
        return pairs.get(0);
    }
}
