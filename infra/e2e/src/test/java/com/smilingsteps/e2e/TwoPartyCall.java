package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import com.microsoft.playwright.Browser;

/**
 * A connected one-to-one call: the psychologist joins first, the client joins and waits, the
 * psychologist admits them, and both sides decode the other's video. Closing it closes both browsers' contexts.
 */
final class TwoPartyCall implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(40);

    final Api.PaidSession session;
    final Participant psychologist;
    final Participant client;
    CallRoom psychologistRoom;
    CallRoom clientRoom;

    private TwoPartyCall(Browser browser, String baseUrl, Api.PaidSession session) {
        this.session = session;
        this.psychologist = Participant.open(browser, baseUrl, session.psychologist());
        this.client = Participant.open(browser, baseUrl, session.client());
    }

    /** Logs both in and opens the call page (not yet joined). */
    static TwoPartyCall prepare(StackExtension.Harness harness, String label) {
        Api.PaidSession session = harness.api().paidSession(harness.stack().admin(), label);
        TwoPartyCall call = new TwoPartyCall(harness.browser(), harness.stack().baseUrl(), session);
        call.psychologist.login();
        call.client.login();
        return call;
    }

    static TwoPartyCall connected(StackExtension.Harness harness, String label, boolean forceRelay) {
        TwoPartyCall call = prepare(harness, label);
        try {
            call.psychologistRoom = call.psychologist.openCall(call.session.id(), forceRelay).join();
            call.clientRoom = call.client.openCall(call.session.id(), forceRelay).join();
            call.admitAndConnect();
            return call;
        } catch (RuntimeException | AssertionError e) {
            call.close();
            throw e;
        }
    }

    /** The client waits in the waiting room until the psychologist admits them; then both connect. */
    void admitAndConnect() {
        admitAndConnect(psychologistRoom, clientRoom);
    }

    /** The same for two call rooms in any browsers. */
    static void admitAndConnect(CallRoom psychologistRoom, CallRoom clientRoom) {
        clientRoom.awaitStatus("waiting-room", Duration.ofSeconds(20));
        psychologistRoom.admitWaiting();
        psychologistRoom.awaitStatus("connected", CONNECT_TIMEOUT);
        clientRoom.awaitStatus("connected", CONNECT_TIMEOUT);
        psychologistRoom.awaitFramesGrowing(10, CONNECT_TIMEOUT);
        clientRoom.awaitFramesGrowing(10, CONNECT_TIMEOUT);
    }

    /**
     * Waits for both sides to be connected again after a rejoin, the psychologist admitting the
     * client whenever they are back in the waiting room (rooms are in the signaling instance's memory).
     * Both must have rejoined: until then the old link's media keeps a page "connected", and a
     * client whose first rejoin was turned away ("not ready yet") reaches the waiting room seconds later.
     */
    static void awaitConnectedAdmittingOnRequest(CallRoom psychologistRoom, CallRoom clientRoom) {
        CallRoom.waitUntil("both sides rejoined and connected again", CONNECT_TIMEOUT, () -> {
            if (psychologistRoom.someoneWaiting()) {
                psychologistRoom.admitWaiting();
            }
            return psychologistRoom.joinedOnOpenSignaling() && clientRoom.joinedOnOpenSignaling()
                    && "connected".equals(clientRoom.status()) && "connected".equals(psychologistRoom.status());
        }, () -> "(psychologist " + psychologistRoom.engineState() + ", client " + clientRoom.engineState() + ")");
    }

    /**
     * After a reconnect: one remote participant and one peer connection on each side, video
     * flowing both ways again, and no leftover (ghost) video element.
     */
    void assertReconnectedWithoutGhosts() {
        assertReconnectedWithoutGhosts(psychologistRoom, clientRoom);
    }

    /** The same for two call rooms in any browsers. */
    static void assertReconnectedWithoutGhosts(CallRoom psychologistRoom, CallRoom clientRoom) {
        CallRoom.waitUntil("exactly one remote participant on each side", Duration.ofSeconds(15),
                () -> psychologistRoom.participants().size() == 1 && clientRoom.participants().size() == 1
                        && psychologistRoom.peerConnectionCount() == 1 && clientRoom.peerConnectionCount() == 1,
                () -> "(psychologist " + psychologistRoom.engineState() + " with " + psychologistRoom.peerConnectionCount()
                        + " peer connections, client " + clientRoom.engineState() + " with " + clientRoom.peerConnectionCount() + ")");
        psychologistRoom.awaitFramesGrowing(20, CONNECT_TIMEOUT);
        clientRoom.awaitFramesGrowing(20, CONNECT_TIMEOUT);
        assertAll(
                () -> assertEquals(1, psychologistRoom.remoteVideoCount(), "no ghost video at the psychologist's"),
                () -> assertEquals(1, clientRoom.remoteVideoCount(), "no ghost video at the client's"));
    }

    /** Both pages' console, for a failure message. */
    String consoles() {
        return "--- psychologist console ---\n" + String.join("\n", tail(psychologist)) + "\n--- client console ---\n"
                + String.join("\n", tail(client));
    }

    private static java.util.List<String> tail(Participant p) {
        var lines = p.console();
        return lines.subList(Math.max(0, lines.size() - 40), lines.size());
    }

    @Override
    public void close() {
        try {
            psychologist.close();
        } finally {
            client.close();
        }
    }
}
