package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;

/**
 * A call that outlives its access tokens (issue 15): on its own stack with 45-second tokens (and a
 * 5-second clock-skew allowance instead of 30, so that they expire for the services soon), a call
 * runs for two minutes, almost three token lifetimes; after the first tokens have expired each
 * side's signaling socket is dropped in turn, each rejoins (a fresh ticket and a fresh socket, each
 * on a silently refreshed token), and End still completes the session.
 */
class TokenExpiryCallIT {

    private static final Duration ACCESS_LIFETIME = Duration.ofSeconds(45);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    private static final Duration CALL = Duration.ofMinutes(2);

    @Test
    void aCallLongerThanItsTokensRejoinsAfterADropAndEnds() throws Exception {
        Path repoRoot = Path.of(System.getProperty("e2e.repoRoot", "../..")).toAbsolutePath().normalize();
        Path dataDir = Path.of(System.getProperty("e2e.dataDir", "target/stack")).toAbsolutePath()
                .resolveSibling("token-expiry");
        Path screenshots = Path.of(System.getProperty("e2e.screenshots", "target/screenshots")).toAbsolutePath();
        Files.createDirectories(screenshots);
        try (Browsers browsers = Browsers.create();
                StackExtension.Harness harness = new StackExtension.Harness(
                        E2eStack.start(repoRoot, dataDir, Map.of("JWT_ACCESS_LIFETIME", ACCESS_LIFETIME.toString(),
                                "MP_JWT_VERIFY_CLOCK_SKEW", String.valueOf(CLOCK_SKEW.toSeconds()))),
                        browsers, screenshots, AxeAudit.of(repoRoot));
                TwoPartyCall call = TwoPartyCall.connected(harness, "Long", false)) {
            long started = System.nanoTime();
            // past the first tokens' expiry and the services' clock-skew allowance
            Thread.sleep(ACCESS_LIFETIME.plus(CLOCK_SKEW).plusSeconds(10).toMillis());
            // each side in turn (the other stays in the room, as after a network blip on one side)
            for (CallRoom dropped : new CallRoom[] { call.clientRoom, call.psychologistRoom }) {
                dropped.closeSignalingSocket();
                CallRoom.waitUntil("the signaling socket open again", Duration.ofSeconds(45), dropped::signalingOpen,
                        call::consoles);
                call.psychologistRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
                call.clientRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
                call.assertReconnectedWithoutGhosts();
            }

            long left = CALL.toNanos() - (System.nanoTime() - started);
            if (left > 0) {
                Thread.sleep(left / 1_000_000);
            }
            call.psychologistRoom.awaitFramesGrowing(10, TwoPartyCall.CONNECT_TIMEOUT);
            call.psychologistRoom.click("end-call-button");
            call.psychologist.byTestId("end-session-confirm").click();
            Locator summary = call.psychologist.byTestId("call-summary");
            summary.waitFor();
            call.psychologist.screenshot(harness.screenshots(), "15-long-call-ended-after-token-expiry");
            // the test's own API sign-in has long expired too: sign in again to read the session
            Api.Account client = call.session.client();
            JsonNode session = harness.api().session(harness.api().login(client.email(), client.password()), call.session.id());
            assertEquals("Completed", session.path("status").asText(), "End worked on a refreshed token: " + session);
            assertTrue(session.path("callDuration").asInt() >= CALL.toMinutes(), "the call lasted two minutes: " + session);
        }
    }
}
