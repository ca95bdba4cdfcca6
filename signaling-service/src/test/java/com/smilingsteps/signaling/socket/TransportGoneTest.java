package com.smilingsteps.signaling.socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.ClosedChannelException;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpClosedException;

/** A socket whose peer vanished without a close frame is not a server fault (no warning, no second close). */
class TransportGoneTest {

    @Test
    void aConnectionClosedUnderTheSocketIsTransportGone() {
        assertTrue(SocketFailures.transportGone(new HttpClosedException("Connection was closed")));
        assertTrue(SocketFailures.transportGone(new IllegalStateException("write failed", new ClosedChannelException())));
    }

    @Test
    void anyOtherFailureIsNot() {
        assertFalse(SocketFailures.transportGone(new IllegalStateException("a bug")));
        assertFalse(SocketFailures.transportGone(new RuntimeException("decoder", new IllegalArgumentException("bad frame"))));
    }
}
